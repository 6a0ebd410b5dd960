package org.mailgate.classifier;

/**
 * Why a finding was reported: a masked snippet of the text that decided it (keywords shown,
 * values and names masked, e.g. {@code NHS no. ••• ••• ••19 for Mrs H•••}) and the rule that fired.
 */
public record Evidence(String snippet, String rule) {
}
