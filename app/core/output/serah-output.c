/* serah-output.c: the one writer of files a person named (see serah-output.h for the rules).
 *
 * Why a process-wide registry of protected files: "the database" is not a name but a file.
 * `-o ./office.db`, `-o ../data/office.db`, a symbolic or a hard link all reach the same
 * inode, so outputs compare device and inode with every database and input Serah holds open.
 * Why a journal of temporaries: a killed writer cannot clean up; the next start can, if it
 * knows where the temporary was (it may be in any folder a person chose).
 */
#define G_LOG_DOMAIN "serah-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <serah/output/serah-output.h>

#include "output/serah-output-private.h"

G_DEFINE_QUARK (serah-output-error-quark, serah_output_error)

#define TEMP_MARK SERAH_OUTPUT_TEMP_MARK
/* SQLite's header and the application_id Serah gives its station bundles (a bundle may be
 * replaced like any export; every other SQLite file is a database or a backup). */
#define SQLITE_MAGIC "SQLite format 3"
#define BUNDLE_APPLICATION_ID 0x53524842u /* "SRHB" */

/* ---- protected files ---- */

typedef struct {
  guint    handle;
  gboolean database;
  dev_t    dev;
  ino_t    ino;
  char    *path; /* the database: its sidecars and backups folder are found from it */
} Protected;

static GMutex protect_lock;
static GArray *protected_files; /* of Protected */
static guint last_handle;

static guint
protect (const char *path, gboolean database)
{
  Protected p = { 0 };
  GStatBuf st;
  guint handle;

  g_return_val_if_fail (path != NULL, 0);
  if (g_stat (path, &st) != 0)
    return 0;
  g_mutex_lock (&protect_lock);
  if (protected_files == NULL)
    protected_files = g_array_new (FALSE, FALSE, sizeof (Protected));
  p.handle = handle = ++last_handle;
  p.database = database;
  p.dev = st.st_dev;
  p.ino = st.st_ino;
  p.path = g_strdup (path);
  g_array_append_val (protected_files, p);
  g_mutex_unlock (&protect_lock);
  return handle;
}

guint
serah_output_protect_database (const char *path)
{
  return protect (path, TRUE);
}

guint
serah_output_protect_file (const char *path)
{
  return protect (path, FALSE);
}

void
serah_output_unprotect (guint handle)
{
  if (handle == 0)
    return;
  g_mutex_lock (&protect_lock);
  for (guint i = 0; protected_files != NULL && i < protected_files->len; i++)
    {
      Protected *p = &g_array_index (protected_files, Protected, i);
      if (p->handle == handle)
        {
          g_free (p->path);
          g_array_remove_index_fast (protected_files, i);
          break;
        }
    }
  g_mutex_unlock (&protect_lock);
}

static gboolean
same_file (const GStatBuf *a, const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && st.st_dev == a->st_dev && st.st_ino == a->st_ino;
}

/* Is target (st: its stat, NULL when it does not exist yet; parent: its folder's) one of the
 * protected files? */
static gboolean
is_protected (const char *target, const GStatBuf *st, const GStatBuf *parent)
{
  g_autofree char *base = g_path_get_basename (target);
  gboolean found = FALSE;

  g_mutex_lock (&protect_lock);
  for (guint i = 0; !found && protected_files != NULL && i < protected_files->len; i++)
    {
      const Protected *p = &g_array_index (protected_files, Protected, i);
      static const char *const sidecars[] = { "-wal", "-shm", "-journal" };
      g_autofree char *db_dir = NULL, *db_base = NULL, *backups = NULL;

      if (st != NULL && st->st_dev == p->dev && st->st_ino == p->ino)
        found = TRUE;
      if (found || !p->database)
        continue;
      db_dir = g_path_get_dirname (p->path);
      db_base = g_path_get_basename (p->path);
      for (guint k = 0; !found && k < G_N_ELEMENTS (sidecars); k++)
        {
          g_autofree char *sidecar = g_strconcat (p->path, sidecars[k], NULL);
          g_autofree char *name = g_strconcat (db_base, sidecars[k], NULL);
          /* The sidecar by inode when it exists (a hard link to it), and by name in the
           * database's own folder (compared by inode) when it does not exist yet. */
          if (st != NULL && same_file (st, sidecar))
            found = TRUE;
          else if (strcmp (base, name) == 0 && same_file (parent, db_dir))
            found = TRUE;
        }
      backups = g_build_filename (db_dir, "backups", NULL);
      if (!found && same_file (parent, backups))
        found = TRUE;
    }
  g_mutex_unlock (&protect_lock);
  return found;
}

/* An SQLite file other than a station bundle is a database or a backup: never an output. */
static gboolean
is_database_file (const char *path)
{
  guchar header[100];
  ssize_t n;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    return FALSE;
  n = read (fd, header, sizeof header);
  close (fd);
  if (n < 16 || memcmp (header, SQLITE_MAGIC, 16) != 0)
    return FALSE;
  if (n == sizeof header &&
      (((guint32) header[68] << 24) | ((guint32) header[69] << 16) | ((guint32) header[70] << 8) |
       header[71]) == BUNDLE_APPLICATION_ID)
    return FALSE;
  return TRUE;
}

/* ---- errors ---- */

SerahOutputError
serah_output_error_from_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case EROFS:
      return SERAH_OUTPUT_ERROR_READ_ONLY;
    case EACCES:
    case EPERM:
      return SERAH_OUTPUT_ERROR_PERMISSION;
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
      return SERAH_OUTPUT_ERROR_NO_SPACE;
    default:
      return SERAH_OUTPUT_ERROR_FAILED;
    }
}

void
serah_output_set_errno_error (GError **error, int saved_errno, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  SerahOutputError code = serah_output_error_from_errno (saved_errno);

  switch (code)
    {
    case SERAH_OUTPUT_ERROR_READ_ONLY:
      g_set_error (error, SERAH_OUTPUT_ERROR, code,
                   _("Cannot write “%s”: the disk is read-only. Nothing was written; choose a "
                     "folder on a writable disk."), display);
      break;
    case SERAH_OUTPUT_ERROR_PERMISSION:
      g_set_error (error, SERAH_OUTPUT_ERROR, code,
                   _("Cannot write “%s”: permission denied. Nothing was written; choose a "
                     "folder you may write to."), display);
      break;
    case SERAH_OUTPUT_ERROR_NO_SPACE:
      g_set_error (error, SERAH_OUTPUT_ERROR, code,
                   _("Cannot write “%s”: the disk is full. Nothing was written; free some "
                     "space and try again."), display);
      break;
    default:
      g_set_error (error, SERAH_OUTPUT_ERROR, code, _("Cannot write “%s”: %s"), display,
                   g_strerror (saved_errno));
    }
}

/* ---- the rules ---- */

typedef enum {
  TARGET_NEW,      /* a regular file that does not exist yet */
  TARGET_REPLACE,  /* an existing regular file */
  TARGET_IN_PLACE, /* a FIFO, a character device */
  TARGET_FD,       /* /dev/stdout, /dev/fd/N, /proc/self/fd/N: that descriptor */
} TargetKind;

/* /dev/stdout and its kin name a descriptor of this process: written through it, in place
 * (opening the name again would truncate a redirected file or fail on a socket). */
static int
descriptor_path (const char *path)
{
  static const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/" };

  if (strcmp (path, "/dev/stdout") == 0)
    return 1;
  if (strcmp (path, "/dev/stderr") == 0)
    return 2;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (path, prefixes[i]))
      {
        const char *n = path + strlen (prefixes[i]);
        char *end = NULL;
        guint64 fd;
        if (!g_ascii_isdigit (*n))
          return -1;
        fd = g_ascii_strtoull (n, &end, 10);
        if (*end == '\0' && fd > 0 && fd < 1024)
          return (int) fd;
      }
  return -1;
}

/* Applies the rules; on success *resolved is where to write and *kind how. */
static gboolean
check_target (const char *path, SerahOutputFlags flags, char **resolved, TargetKind *kind,
              GStatBuf *st_out, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *real = NULL, *dir = NULL;
  GStatBuf st, lst, parent;
  gboolean exists;

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_NOT_A_FILE,
                   _("No output file was given."));
      return FALSE;
    }
  if (descriptor_path (path) >= 0)
    {
      GStatBuf fd_st, root;

      /* "-o /dev/stdout >> office.db": the descriptor may itself be the database. */
      if (fstat (descriptor_path (path), &fd_st) == 0 && S_ISREG (fd_st.st_mode) &&
          g_stat ("/", &root) == 0 && is_protected ("/", &fd_st, &root))
        {
          g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_PROTECTED,
                       _("“%s” is a Serah database, one of its files or backups, or a file Serah "
                         "is using: it is never overwritten. Nothing was written; choose another "
                         "file name."), display);
          return FALSE;
        }
      *resolved = g_strdup (path);
      *kind = TARGET_FD;
      return TRUE;
    }

  exists = g_stat (path, &st) == 0;
  if (!exists && g_lstat (path, &lst) == 0)
    {
      g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_NOT_A_FILE,
                   _("“%s” is a link to a file that does not exist. Give the file's own "
                     "name."), display);
      return FALSE;
    }
  if (exists)
    {
      char *r = realpath (path, NULL);
      real = r ? g_strdup (r) : g_strdup (path);
      free (r);
    }
  else
    {
      g_autofree char *d = g_path_get_dirname (path);
      g_autofree char *b = g_path_get_basename (path);
      char *r = realpath (d, NULL);
      if (r == NULL)
        {
          g_autofree char *ddisplay = g_filename_display_name (d);
          g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_NOT_A_FILE,
                       _("Cannot write “%s”: the folder “%s” does not exist."), display,
                       ddisplay);
          return FALSE;
        }
      real = g_build_filename (r, b, NULL);
      free (r);
    }
  dir = g_path_get_dirname (real);
  if (g_stat (dir, &parent) != 0)
    {
      serah_output_set_errno_error (error, errno, path);
      return FALSE;
    }

  if (is_protected (real, exists ? &st : NULL, &parent) ||
      (exists && S_ISREG (st.st_mode) && is_database_file (real)))
    {
      g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_PROTECTED,
                   _("“%s” is a Serah database, one of its files or backups, or a file Serah "
                     "is using: it is never overwritten. Nothing was written; choose another "
                     "file name."), display);
      return FALSE;
    }

  /* A folder that cannot be written stops long work before it starts, with its reason. */
  if ((!exists || S_ISREG (st.st_mode)) && access (dir, W_OK) != 0)
    {
      serah_output_set_errno_error (error, errno, path);
      return FALSE;
    }
  if (!exists)
    *kind = TARGET_NEW;
  else if (S_ISREG (st.st_mode))
    {
      if (!(flags & SERAH_OUTPUT_REPLACE))
        {
          g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_EXISTS,
                       _("“%s” already exists. Nothing was written; choose another file name "
                         "or add --force to replace it."), display);
          return FALSE;
        }
      *kind = TARGET_REPLACE;
    }
  else if (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode))
    *kind = TARGET_IN_PLACE;
  else
    {
      g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_NOT_A_FILE,
                   S_ISDIR (st.st_mode) ? _("“%s” is a folder: give a file name.")
                                        : _("“%s” is not a file Serah can write to."),
                   display);
      return FALSE;
    }
  if (st_out != NULL && exists)
    *st_out = st;
  *resolved = g_steal_pointer (&real);
  return TRUE;
}

gboolean
serah_output_check (const char *path, SerahOutputFlags flags, GError **error)
{
  g_autofree char *resolved = NULL;
  TargetKind kind;

  return check_target (path, flags, &resolved, &kind, NULL, error);
}

/* ---- the journal of temporaries ---- */

static char *
journal_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "serah", "temporaries", NULL);
}

char *
serah_output_journal_add (const char *temp)
{
  g_autofree char *dir = journal_dir ();
  g_autofree char *name = NULL;
  char *entry;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;
  name = g_strdup_printf ("%d-%08x%08x", (int) getpid (), g_random_int (), g_random_int ());
  entry = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (entry, temp, -1, NULL))
    g_clear_pointer (&entry, g_free);
  return entry;
}

void
serah_output_clean_stale (void)
{
  g_autofree char *dirname = journal_dir ();
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *entry = g_build_filename (dirname, name, NULL);
      g_autofree char *temp = NULL;
      char *end = NULL;
      gint64 pid = g_ascii_strtoll (name, &end, 10);

      if (end == name || *end != '-' || pid <= 0)
        continue;
      /* A live process (this one included) still owns its temporary. */
      if (pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno == EPERM)
        continue;
      if (g_file_get_contents (entry, &temp, NULL, NULL))
        {
          g_autofree char *base = g_path_get_basename (temp);
          /* Only ever a file this module named. */
          if (strstr (base, TEMP_MARK) != NULL)
            {
              static const char *const sidecars[] = { "-journal", "-wal", "-shm" };
              g_debug ("removing the temporary “%s” of a process that died", temp);
              g_unlink (temp);
              /* An SQLite temporary (a backup, a bundle) may have left its journal. */
              for (guint k = 0; k < G_N_ELEMENTS (sidecars); k++)
                {
                  g_autofree char *sidecar = g_strconcat (temp, sidecars[k], NULL);
                  g_unlink (sidecar);
                }
            }
        }
      g_unlink (entry);
    }
}

void
serah_output_journal_remove (char *entry)
{
  if (entry == NULL)
    return;
  g_unlink (entry);
  g_free (entry);
}

/* ---- writing ---- */

struct _SerahOutput
{
  char            *path;    /* resolved target */
  char            *temp;
  char            *journal; /* the journal entry naming temp */
  TargetKind       kind;
  SerahOutputFlags flags;
  mode_t           mode;
  gboolean         committed;
};

SerahOutput *
serah_output_begin (const char *path, SerahOutputFlags flags, GError **error)
{
  g_autoptr(SerahOutput) self = g_new0 (SerahOutput, 1);
  g_autofree char *base = NULL, *dir = NULL, *name = NULL;
  GStatBuf st = { 0 };
  int fd;

  if (!check_target (path, flags, &self->path, &self->kind, &st, error))
    return NULL;
  self->flags = flags;
  self->mode = (flags & SERAH_OUTPUT_PRIVATE) ? 0600
               : self->kind == TARGET_REPLACE ? (st.st_mode & 0777) : 0644;

  base = g_path_get_basename (self->path);
  if (self->kind == TARGET_NEW || self->kind == TARGET_REPLACE)
    {
      /* Beside the target, so that the final rename is atomic and never crosses disks. */
      dir = g_path_get_dirname (self->path);
      name = g_strdup_printf (".%.80s" TEMP_MARK "XXXXXX", base);
    }
  else
    {
      dir = g_strdup (g_get_tmp_dir ());
      name = g_strdup ("serah-out" TEMP_MARK "XXXXXX");
    }
  self->temp = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (self->temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&self->temp, g_free);
      serah_output_set_errno_error (error, saved, path);
      return NULL;
    }
  close (fd);
  self->journal = serah_output_journal_add (self->temp);
  return g_steal_pointer (&self);
}

const char *
serah_output_get_temp_path (SerahOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp;
}

const char *
serah_output_get_path (SerahOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

static gboolean
copy_into (const char *temp, int out, const char *path, GError **error)
{
  char buf[65536];
  ssize_t n;
  int in = g_open (temp, O_RDONLY | O_CLOEXEC, 0);

  if (in < 0)
    {
      serah_output_set_errno_error (error, errno, path);
      return FALSE;
    }
  while ((n = read (in, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          serah_output_set_errno_error (error, errno, path);
          close (in);
          return FALSE;
        }
      for (ssize_t done = 0; done < n;)
        {
          ssize_t w = write (out, buf + done, (size_t) (n - done));
          if (w < 0)
            {
              if (errno == EINTR)
                continue;
              serah_output_set_errno_error (error, errno, path);
              close (in);
              return FALSE;
            }
          done += w;
        }
    }
  close (in);
  return TRUE;
}

gboolean
serah_output_commit (SerahOutput *self, GError **error)
{
  g_autofree char *resolved = NULL;
  TargetKind kind;
  int fd;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (self->kind == TARGET_FD)
    {
      int out = descriptor_path (self->path);
      if (!copy_into (self->temp, out, self->path, error))
        return FALSE;
    }
  else if (self->kind == TARGET_IN_PLACE)
    {
      /* No O_CREAT, no O_TRUNC: a device or a FIFO is written, never made or replaced. */
      int out = g_open (self->path, O_WRONLY | O_CLOEXEC | O_NOCTTY, 0);
      gboolean ok;
      if (out < 0)
        {
          serah_output_set_errno_error (error, errno, self->path);
          return FALSE;
        }
      ok = copy_into (self->temp, out, self->path, error);
      if (close (out) != 0 && ok)
        {
          serah_output_set_errno_error (error, errno, self->path);
          ok = FALSE;
        }
      if (!ok)
        return FALSE;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      /* The rules again: the target may have appeared (or become a database) meanwhile. */
      if (!check_target (self->path, self->flags, &resolved, &kind, NULL, error))
        return FALSE;
      fd = g_open (self->temp, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0 || fchmod (fd, self->mode) != 0 || fsync (fd) != 0)
        {
          int saved = errno;
          if (fd >= 0)
            close (fd);
          serah_output_set_errno_error (error, saved, self->path);
          return FALSE;
        }
      close (fd);
      if (!(self->flags & SERAH_OUTPUT_REPLACE) && link (self->temp, self->path) == 0)
        g_unlink (self->temp); /* no-clobber: link() fails if the name was taken meanwhile */
      else if (!(self->flags & SERAH_OUTPUT_REPLACE) && errno == EEXIST)
        {
          g_autofree char *display = g_filename_display_name (self->path);
          g_set_error (error, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_EXISTS,
                       _("“%s” already exists. Nothing was written; choose another file name "
                         "or add --force to replace it."), display);
          return FALSE;
        }
      else if (g_rename (self->temp, self->path) != 0)
        {
          serah_output_set_errno_error (error, errno, self->path);
          return FALSE;
        }
      /* The new name is durable once its folder is. */
      fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (fd >= 0)
        {
          fsync (fd);
          close (fd);
        }
      g_clear_pointer (&self->temp, g_free);
    }
  self->committed = TRUE;
  return TRUE;
}

void
serah_output_free (SerahOutput *self)
{
  if (self == NULL)
    return;
  if (self->temp != NULL)
    g_unlink (self->temp);
  serah_output_journal_remove (self->journal);
  g_free (self->temp);
  g_free (self->path);
  g_free (self);
}

gboolean
serah_output_write_contents (const char *path, const char *data, gssize len,
                             SerahOutputFlags flags, GError **error)
{
  g_autoptr(SerahOutput) out = serah_output_begin (path, flags, error);
  g_autoptr(GError) local = NULL;

  if (out == NULL)
    return FALSE;
  if (len < 0)
    len = (gssize) strlen (data);
  if (!g_file_set_contents_full (out->temp, data, len, G_FILE_SET_CONTENTS_NONE, 0600, &local))
    {
      /* GFileError carries the errno's kind: map it back for the message of each kind. */
      int code = local->code == G_FILE_ERROR_NOSPC ? ENOSPC
                 : local->code == G_FILE_ERROR_ROFS ? EROFS
                 : local->code == G_FILE_ERROR_ACCES || local->code == G_FILE_ERROR_PERM ? EACCES
                 : EIO;
      serah_output_set_errno_error (error, code, path);
      return FALSE;
    }
  return serah_output_commit (out, error);
}
