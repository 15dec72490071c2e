/* serah-output.h: the one way Serah writes a file a person named (exports, reports, paper,
 * PDFs of cards, station bundles, backups).
 *
 * Why one function: a path typed by a person may name the live database, its -wal/-shm, a
 * backup, a device node or last week's PDF of printed cards. Every writer goes through
 * serah_output_begin/commit so that the same rules hold everywhere (issue 17):
 *  - the database, its -wal/-shm/-journal, anything in its backups folder, any SQLite
 *    database file and any file Serah holds open are refused, compared by device and inode;
 *  - an existing regular file is replaced only with SERAH_OUTPUT_REPLACE (--force, the GUI's
 *    confirmation);
 *  - FIFOs, character devices and /dev/stdout are written in place (never replaced);
 *  - regular files are written to a temporary beside the target and renamed over it;
 *  - files that hold full NIKs are created 0600;
 *  - temporaries left by a killed process are removed at the next start.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SERAH_OUTPUT_ERROR (serah_output_error_quark ())
typedef enum {
  SERAH_OUTPUT_ERROR_PROTECTED,  /* the database, a backup, a file Serah holds open */
  SERAH_OUTPUT_ERROR_EXISTS,     /* a regular file, and replacing was not asked for */
  SERAH_OUTPUT_ERROR_NOT_A_FILE, /* a folder, a block device, a socket, a dangling link */
  SERAH_OUTPUT_ERROR_READ_ONLY,  /* read-only file system */
  SERAH_OUTPUT_ERROR_PERMISSION, /* permission denied */
  SERAH_OUTPUT_ERROR_NO_SPACE,   /* disk (or quota) full */
  SERAH_OUTPUT_ERROR_FAILED,     /* any other input/output error */
} SerahOutputError;
/**
 * serah_output_error_quark:
 *
 * Returns: the quark of #SerahOutputError
 */
GQuark serah_output_error_quark (void);

typedef enum {
  SERAH_OUTPUT_NONE = 0,
  SERAH_OUTPUT_REPLACE = 1 << 0, /* an existing regular file may be replaced */
  SERAH_OUTPUT_PRIVATE = 1 << 1, /* holds full NIKs: created readable by its owner only */
} SerahOutputFlags;

typedef struct _SerahOutput SerahOutput;

/**
 * serah_output_check:
 * @path: the file a person named
 * @flags: %SERAH_OUTPUT_REPLACE when an existing regular file may be replaced
 * @error: return location for a #GError
 *
 * Checks @path against the rules above without writing anything (the command line calls it
 * before long work, so a refused path costs nothing).
 *
 * Returns: %TRUE when @path may be written, %FALSE with @error set (%SERAH_OUTPUT_ERROR)
 */
gboolean     serah_output_check         (const char        *path,
                                         SerahOutputFlags   flags,
                                         GError           **error);
/**
 * serah_output_begin:
 * @path: the file a person named
 * @flags: #SerahOutputFlags
 * @error: return location for a #GError
 *
 * Checks @path and creates the temporary file the writer writes to (mode 0600).
 *
 * Returns: (transfer full) (nullable): the output, to write through
 *   serah_output_get_temp_path() and finish with serah_output_commit(); %NULL with @error set
 */
SerahOutput *serah_output_begin         (const char        *path,
                                         SerahOutputFlags   flags,
                                         GError           **error);
/**
 * serah_output_get_temp_path:
 * @self: an output
 *
 * Returns: (transfer none): the file to write: a temporary, never the target itself
 */
const char  *serah_output_get_temp_path (SerahOutput       *self);
/**
 * serah_output_get_path:
 * @self: an output
 *
 * Returns: (transfer none): the target as it will be written (symbolic links resolved)
 */
const char  *serah_output_get_path      (SerahOutput       *self);
/**
 * serah_output_commit:
 * @self: an output whose temporary was written
 * @error: return location for a #GError
 *
 * Makes the temporary durable and moves it into place (rename for a regular file; copy into
 * a FIFO, a character device or standard output), checking the target again. The temporary
 * is gone afterwards, whatever the outcome.
 *
 * Returns: %TRUE when the file is in place, %FALSE with @error set
 */
gboolean     serah_output_commit        (SerahOutput       *self,
                                         GError           **error);
/**
 * serah_output_free:
 * @self: (nullable): an output, or %NULL
 *
 * Frees @self; an uncommitted output's temporary is removed.
 */
void         serah_output_free          (SerahOutput       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahOutput, serah_output_free)

/**
 * serah_output_write_contents:
 * @path: the file a person named
 * @data: the bytes to write
 * @len: their length, or -1 for a NUL-terminated string
 * @flags: #SerahOutputFlags
 * @error: return location for a #GError
 *
 * Writes @data to @path through serah_output_begin() and serah_output_commit().
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean     serah_output_write_contents (const char       *path,
                                          const char       *data,
                                          gssize            len,
                                          SerahOutputFlags  flags,
                                          GError          **error);

/**
 * serah_output_protect_database:
 * @path: an open database
 *
 * From now on no output may name @path, its -wal, -shm or -journal, or its backups folder
 * (compared by device and inode). Thread-safe.
 *
 * Returns: a handle for serah_output_unprotect()
 */
guint        serah_output_protect_database (const char *path);
/**
 * serah_output_protect_file:
 * @path: a file Serah is reading (a list being imported)
 *
 * From now on no output may name @path. Thread-safe.
 *
 * Returns: a handle for serah_output_unprotect()
 */
guint        serah_output_protect_file     (const char *path);
/**
 * serah_output_unprotect:
 * @handle: a handle from serah_output_protect_database() or _file(); 0 does nothing
 *
 * Ends the protection @handle gave. Thread-safe.
 */
void         serah_output_unprotect        (guint       handle);

/**
 * serah_output_clean_stale:
 *
 * Removes the temporaries of outputs whose process died before committing (kill -9, power
 * cut), as listed in the temporaries journal. Called when a database is opened.
 */
void         serah_output_clean_stale      (void);

/**
 * serah_output_set_errno_error:
 * @error: return location for a #GError
 * @saved_errno: the errno value
 * @path: the file concerned, for the message
 *
 * Sets @error (%SERAH_OUTPUT_ERROR) from @saved_errno, with a message for each of read-only,
 * permission denied and disk full (never the advice to restore: the file is not damaged).
 */
void         serah_output_set_errno_error  (GError    **error,
                                            int         saved_errno,
                                            const char *path);
/**
 * serah_output_error_from_errno:
 * @saved_errno: an errno value
 *
 * Returns: the #SerahOutputError code for @saved_errno
 */
SerahOutputError serah_output_error_from_errno (int saved_errno);

G_END_DECLS
