package dev.amsh.service;

/**
 * Told of a command's commits as they happen, so that its client can say, if the service dies
 * mid-command, whether anything of it was kept: nothing before the first {@link #committing()},
 * everything up to the last {@link #committed()}, and perhaps the one change in between.
 */
public interface CommitNotices {

    /** A change is about to be committed; called before the database is asked to. */
    void committing();

    /** That change is committed. */
    void committed();

}
