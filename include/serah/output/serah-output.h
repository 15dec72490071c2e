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
GQuark serah_output_error_quark (void);

typedef enum {
  SERAH_OUTPUT_NONE = 0,
  SERAH_OUTPUT_REPLACE = 1 << 0, /* an existing regular file may be replaced */
  SERAH_OUTPUT_PRIVATE = 1 << 1, /* holds full NIKs: created readable by its owner only */
} SerahOutputFlags;

typedef struct _SerahOutput SerahOutput;

/* Checks path against the rules above without writing anything (the command line calls it
 * before long work, so a refused path costs nothing). */
gboolean     serah_output_check         (const char        *path,
                                         SerahOutputFlags   flags,
                                         GError           **error);
/* Checks path and creates the temporary file the writer writes to (mode 0600). */
SerahOutput *serah_output_begin         (const char        *path,
                                         SerahOutputFlags   flags,
                                         GError           **error);
/* The file to write: a temporary, never the target itself. */
const char  *serah_output_get_temp_path (SerahOutput       *self);
/* The target as it will be written (symbolic links resolved). */
const char  *serah_output_get_path      (SerahOutput       *self);
/* Makes the temporary durable and moves it into place (rename for a regular file; copy into
 * a FIFO, a character device or standard output). The temporary is gone afterwards. */
gboolean     serah_output_commit        (SerahOutput       *self,
                                         GError           **error);
/* Frees; an uncommitted output's temporary is removed. */
void         serah_output_free          (SerahOutput       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahOutput, serah_output_free)

/* Writes len bytes (-1: a string) to path through begin/commit. */
gboolean     serah_output_write_contents (const char       *path,
                                          const char       *data,
                                          gssize            len,
                                          SerahOutputFlags  flags,
                                          GError          **error);

/* Files no output may name while they are open: a database (with its -wal, -shm, -journal
 * and its backups folder) or any other file (an import being read). Returns a handle for
 * serah_output_unprotect. Thread-safe. */
guint        serah_output_protect_database (const char *path);
guint        serah_output_protect_file     (const char *path);
void         serah_output_unprotect        (guint       handle);

/* Removes the temporaries of outputs whose process died before committing (kill -9,
 * power cut). Called when a database is opened. */
void         serah_output_clean_stale      (void);

/* Sets error from errno for path, with a message for each of read-only, permission denied and
 * disk full (never the advice to restore: the file is not damaged). */
void         serah_output_set_errno_error  (GError    **error,
                                            int         saved_errno,
                                            const char *path);
/* The SerahOutputError code for an errno value. */
SerahOutputError serah_output_error_from_errno (int saved_errno);

G_END_DECLS
