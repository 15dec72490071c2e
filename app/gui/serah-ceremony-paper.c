/* serah-ceremony-paper.c: the ceremony's paper from the Acara page. A few hundred invited
 * people make a PDF of dozens of pages (Pango layout, a table per desa): seconds on the
 * office laptops, so it is written in a GTask thread, cancellable, with its own SQLite
 * connection: the UI's SerahStore and its prepared statements belong to the main thread. The
 * core writes to a temporary file and renames it, so a cancel leaves no half PDF, and
 * records the paper in the audit log. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include "serah-ceremony-paper.h"

typedef struct {
  char           *db_path;
  gint64          ceremony_id;
  SerahPaperKind  kind;
  char           *operator_name;
  char           *path;
} PaperJob;

static void
paper_job_free (PaperJob *job)
{
  g_free (job->db_path);
  g_free (job->operator_name);
  g_free (job->path);
  g_free (job);
}

static void
paper_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PaperJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (job->db_path, &error);
  SerahPaperOptions options = { .operator_name = job->operator_name };
  int pages;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pages = serah_paper_write (store, job->ceremony_id, job->kind, &options, job->path,
                             cancellable, &error);
  if (pages <= 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, pages);
}

void
serah_ceremony_paper_write_async (const char          *db_path,
                                  gint64               ceremony_id,
                                  SerahPaperKind       kind,
                                  const char          *operator_name,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PaperJob *job = g_new0 (PaperJob, 1);

  job->db_path = g_strdup (db_path);
  job->ceremony_id = ceremony_id;
  job->kind = kind;
  job->operator_name = g_strdup (operator_name);
  job->path = g_strdup (path);
  g_task_set_source_tag (task, serah_ceremony_paper_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) paper_job_free);
  g_task_run_in_thread (task, paper_thread);
}

int
serah_ceremony_paper_write_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  gssize pages = g_task_propagate_int (G_TASK (result), error);
  return pages > 0 ? (int) pages : 0;
}

char *
serah_ceremony_paper_file_name (SerahPaperKind kind, const char *iso_date)
{
  return g_strdup_printf ("%s-%s.pdf",
                          kind == SERAH_PAPER_TANDA_TERIMA ? "daftar-tanda-terima"
                                                           : "berita-acara",
                          iso_date && *iso_date ? iso_date : "acara");
}
