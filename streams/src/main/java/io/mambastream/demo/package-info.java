/** The end-to-end demo on bundled input: what {@code bin/mambastream demo} runs. */
package io.mambastream.demo;
