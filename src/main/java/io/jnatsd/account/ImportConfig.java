package io.jnatsd.account;

/**
 * One entry of an account's {@code imports} ({@code parseImportStreamOrService} in
 * {@code server/opts.go}). Immutable.
 *
 * @param service true for a service import, false for a stream
 * @param account the exporting account
 * @param subject the subject in the exporting account
 * @param to      for a service: the local subject clients publish requests to; for a stream:
 *                the local subject messages arrive on; null for the same subject
 * @param prefix  for a stream: a prefix put before the subject locally, or null
 * @param share   for a service: whether the requestor's details go into latency measurements ({@code share})
 * @param allowTrace whether message traces cross it ({@code allow_trace})
 */
public record ImportConfig(boolean service, String account, String subject, String to, String prefix, boolean share,
                           boolean allowTrace) {

    /** An import that shares nothing and lets no trace through. */
    public ImportConfig(boolean service, String account, String subject, String to, String prefix) {
        this(service, account, subject, to, prefix, false, false);
    }

    /** The subject the importing account sees. */
    public String localSubject() {
        if (prefix != null && !prefix.isEmpty()) {
            return prefix + "." + subject;
        }
        return to == null || to.isEmpty() ? subject : to;
    }
}
