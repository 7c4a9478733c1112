/** The DJL model zoo of mambastream: shipped classifiers, block and translator factories. */
package io.mambastream.backbones.zoo;
