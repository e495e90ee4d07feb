package dev.amsh.catalog;

/**
 * Hears how far a long read of bytes has come, so a service reports progress without knowing who
 * shows it: a terminal draws a bar, a web page could push a percentage, a script shows nothing.
 */
public interface Progress {

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void started(String subject, long total) {
        }

        @Override
        public void advanced(long done) {
        }

        @Override
        public void finished() {
        }
    };

    /** @param subject what is read: a file name, an image's display name */
    void started(String subject, long total);

    void advanced(long done);

    /** Also after a failure, so whoever shows progress can clear it. */
    void finished();
}
