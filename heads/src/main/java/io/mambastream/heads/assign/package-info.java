/**
 * Optimal linear assignment (rectangular, with forbidden pairs and an optional cost limit), used by
 * the MOT evaluators and the tracker's association steps.
 */
package io.mambastream.heads.assign;
