/* serah-server-desk.c: this window's side of the office server (server kantor, issue 16).
 *
 * Why a worker connection: while a desk is linked, recording a handover claims the card on
 * the server first, a network round trip that may take up to its timeouts when the Wi-Fi is
 * bad. The UI's store must never cross threads, so the desk opens a second connection to the
 * same database (serah_store_open_like) that only worker threads use, one at a time (the
 * worker lock), for the claim, links, unlinks and syncs. The check-off screen keeps taking
 * scans meanwhile (they queue behind the person on screen).
 *
 * Why a watch in the main loop: other desks' handovers must appear within a second. A
 * connection of its own listens (LISTEN/NOTIFY); its socket is a source of the main loop, so
 * a notification costs no thread and no polling. It also tells first that the server went
 * away (its socket closes): the desk shows "offline" and the next handovers record locally at
 * once (serah_server_set_offline) instead of waiting for a timeout. A timer connects a new
 * watch; once it listens, a sync sends what was recorded meanwhile and pulls the others'.
 * Worker threads never emit on the change hub: the completions, on the main thread, do.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <serah/server/serah-server-office-log.h>
#include <serah/store/serah-changes.h>

#include "serah-server-desk.h"

/* How long the desk waits before it tries the server again after losing it. */
#define RECONNECT_SECONDS 2

struct _SerahServerDesk
{
  GObject           parent_instance;

  SerahStore       *store;         /* not owned: the desk lives on it; NULL once it is gone */
  SerahStore       *worker_store;  /* owned; used only by worker threads, under worker_lock */
  GMutex            worker_lock;

  gboolean          linked;
  gboolean          online;
  char             *message;

  SerahServerWatch *watch;         /* main thread; listening when watch_source != 0 */
  guint             watch_source;
  guint             reconnect_source;
  gboolean          connecting;
  gboolean          syncing;
  gboolean          sync_again;
};

G_DEFINE_FINAL_TYPE (SerahServerDesk, serah_server_desk, G_TYPE_OBJECT)

enum { PROP_0, PROP_LINKED, PROP_ONLINE, PROP_MESSAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void start_watch (SerahServerDesk *self);
static void request_sync (SerahServerDesk *self);

/* ---- state ---- */

static void
set_state (SerahServerDesk *self, gboolean online, const char *message)
{
  gboolean linked = self->store != NULL && serah_server_is_linked (self->store);

  if (linked != self->linked)
    {
      self->linked = linked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKED]);
    }
  online = online && linked;
  if (online != self->online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  if (online)
    message = NULL;
  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
stop_watch (SerahServerDesk *self)
{
  g_clear_handle_id (&self->watch_source, g_source_remove);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_pointer (&self->watch, serah_server_watch_free);
}

static gboolean
reconnect_due (gpointer data)
{
  SerahServerDesk *self = data;

  self->reconnect_source = 0;
  if (self->watch == NULL)
    start_watch (self);
  else
    /* Listening, but the worker's last contact failed (a silent network cut, say): a sync
     * always tries the server again. */
    request_sync (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (SerahServerDesk *self)
{
  if (self->reconnect_source == 0 && self->store != NULL && self->linked)
    self->reconnect_source = g_timeout_add_seconds (RECONNECT_SECONDS, reconnect_due, self);
}

/* ---- the worker connection ---- */

static gboolean
ensure_worker_store (SerahServerDesk *self, GError **error)
{
  if (self->worker_store != NULL)
    return TRUE;
  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The database is closed."));
      return FALSE;
    }
  self->worker_store = serah_store_open_like (self->store, error);
  return self->worker_store != NULL;
}

typedef enum { JOB_HANDOVER, JOB_SYNC, JOB_LINK, JOB_UNLINK, JOB_STATUS, JOB_OFFICE_LOG } JobKind;

typedef struct {
  JobKind               kind;
  /* in */
  SerahHandoverRequest  request;
  char                 *code, *operator_name, *station, *proxy_name, *proxy_relation,
                       *proxy_id_number;
  char                 *url, *password;
  gboolean              offline_hint;
  /* out */
  SerahHandover        *handover;
  SerahHandover        *existing;
  SerahServerSyncResult sync;
  SerahServerStatus    *status;
  GPtrArray            *office_log;
  gboolean              online;
} Job;

static void
job_free (Job *job)
{
  g_free (job->code);
  g_free (job->operator_name);
  g_free (job->station);
  g_free (job->proxy_name);
  g_free (job->proxy_relation);
  g_free (job->proxy_id_number);
  g_free (job->url);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->handover, serah_handover_free);
  g_clear_pointer (&job->existing, serah_handover_free);
  g_clear_pointer (&job->status, serah_server_status_free);
  g_clear_pointer (&job->office_log, g_ptr_array_unref);
  g_free (job);
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SerahServerDesk *self = source;
  Job *job = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->worker_lock);
  switch (job->kind)
    {
    case JOB_HANDOVER:
      /* The window heard the server go: no claim waits for a timeout. */
      if (job->offline_hint)
        serah_server_set_offline (self->worker_store, NULL);
      job->handover = serah_ceremony_record_handover (self->worker_store, &job->request,
                                                      &job->existing, &error);
      ok = job->handover != NULL;
      break;
    case JOB_SYNC:
      ok = serah_server_sync (self->worker_store, &job->sync, &error);
      break;
    case JOB_LINK:
      ok = serah_server_link (self->worker_store, job->url, job->password, job->operator_name,
                              &error);
      break;
    case JOB_UNLINK:
      ok = serah_server_unlink (self->worker_store, job->operator_name, &error);
      break;
    case JOB_STATUS:
      job->status = serah_server_get_status (self->worker_store, &error);
      ok = job->status != NULL;
      break;
    case JOB_OFFICE_LOG:
      job->office_log = serah_server_read_office_log (self->worker_store, 0, &error);
      ok = job->office_log != NULL;
      break;
    }
  job->online = serah_server_is_online (self->worker_store);
  g_mutex_unlock (&self->worker_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
start_job (SerahServerDesk *self, Job *job, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  if (!ensure_worker_store (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, run_job);
}

/* What any finished job taught about the server. */
static void
learn (SerahServerDesk *self, Job *job, const GError *error)
{
  if (self->store == NULL)
    return;
  if (job->online)
    set_state (self, TRUE, NULL);
  else if (error != NULL && error->domain == SERAH_SERVER_ERROR)
    set_state (self, FALSE, error->message);
  else
    set_state (self, FALSE, self->message != NULL ? self->message
                                                  : _("The office server cannot be reached."));
  if (!self->online)
    schedule_reconnect (self);
}

/* ---- sync and listening ---- */

static void
sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SerahServerDesk *self = SERAH_SERVER_DESK (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->syncing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_info ("office server: sync failed: %s", error->message);
  learn (self, job, error);
  if (self->store == NULL)
    return;
  /* The register first: pages reading handovers may need the people they name. */
  if (job->sync.pulled_participants > 0)
    serah_changes_emit (self->store, SERAH_CHANGE_PARTICIPANTS);
  if (job->sync.pulled_ceremonies > 0 || job->sync.pulled_invitations > 0 ||
      job->sync.pulled_closures > 0)
    serah_changes_emit (self->store, SERAH_CHANGE_CEREMONIES);
  if (job->sync.new_handovers > 0 || job->sync.new_undos > 0)
    serah_changes_emit (self->store, SERAH_CHANGE_HANDOVERS);
  if (job->sync.pulled_print_runs > 0 || job->sync.pulled_cards > 0 ||
      job->sync.pulled_voids > 0)
    serah_changes_emit (self->store, SERAH_CHANGE_PRINT_RUNS);
  if (self->sync_again && self->online)
    {
      self->sync_again = FALSE;
      request_sync (self);
    }
}

static void
request_sync (SerahServerDesk *self)
{
  Job *job;

  if (self->store == NULL || !self->linked)
    return;
  /* Notifications that come during a sync are all answered by one more. */
  if (self->syncing)
    {
      self->sync_again = TRUE;
      return;
    }
  self->syncing = TRUE;
  job = g_new0 (Job, 1);
  job->kind = JOB_SYNC;
  start_job (self, job, sync_done, NULL);
}

static gboolean
watch_ready (int fd, GIOCondition condition, gpointer data)
{
  SerahServerDesk *self = data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!serah_server_watch_read (self->watch, &n, &error))
    {
      self->watch_source = 0;
      g_clear_pointer (&self->watch, serah_server_watch_free);
      set_state (self, FALSE, error->message);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }
  if (n > 0)
    request_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
watch_connect_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (serah_server_watch_connect (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
watch_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  SerahServerDesk *self = SERAH_SERVER_DESK (source);
  /* The task does not own the watch (no destroy notify): kept here or freed here. */
  g_autoptr(SerahServerWatch) watch = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->connecting = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->store != NULL)
        {
          set_state (self, FALSE, error->message);
          schedule_reconnect (self);
        }
      return;
    }
  if (self->store == NULL || !self->linked || self->watch != NULL)
    return;
  self->watch = g_steal_pointer (&watch);
  self->watch_source = g_unix_fd_add (serah_server_watch_get_fd (self->watch),
                                      G_IO_IN | G_IO_HUP | G_IO_ERR, watch_ready, self);
  set_state (self, TRUE, NULL);
  /* What was committed while nobody listened, and what this desk recorded meanwhile. */
  request_sync (self);
}

static void
start_watch (SerahServerDesk *self)
{
  g_autoptr(GTask) task = NULL;
  SerahServerWatch *watch;

  if (self->store == NULL || self->connecting || self->watch != NULL)
    return;
  watch = serah_server_watch_new (self->store);
  if (watch == NULL)
    return;
  self->connecting = TRUE;
  task = g_task_new (self, NULL, watch_connected, NULL);
  g_task_set_task_data (task, watch, NULL);
  g_task_run_in_thread (task, watch_connect_thread);
}

/* ---- handovers ---- */

void
serah_server_desk_record_handover_async (SerahServerDesk *self, const SerahHandoverRequest *request,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job;

  g_return_if_fail (SERAH_IS_SERVER_DESK (self));
  g_return_if_fail (request != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_HANDOVER;
  job->request = *request;
  job->request.code = job->code = g_strdup (request->code);
  job->request.operator_name = job->operator_name = g_strdup (request->operator_name);
  job->request.station = job->station = g_strdup (request->station);
  job->request.proxy_name = job->proxy_name = g_strdup (request->proxy_name);
  job->request.proxy_relation = job->proxy_relation = g_strdup (request->proxy_relation);
  job->request.proxy_id_number = job->proxy_id_number = g_strdup (request->proxy_id_number);
  job->offline_hint = self->linked && !self->online;
  start_job (self, job, callback, user_data);
}

SerahHandover *
serah_server_desk_record_handover_finish (SerahServerDesk *self, GAsyncResult *result,
                                          SerahHandover **existing, gboolean *local_only,
                                          GError **error)
{
  Job *job;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (local_only != NULL)
    *local_only = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      if (job != NULL && existing != NULL)
        *existing = g_steal_pointer (&job->existing);
      if (job != NULL)
        learn (self, job, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  learn (self, job, NULL);
  if (local_only != NULL)
    *local_only = self->linked && !job->online;
  return g_steal_pointer (&job->handover);
}

/* ---- link, unlink, status ---- */

static void
link_changed (SerahServerDesk *self, Job *job)
{
  stop_watch (self);
  set_state (self, job->online, NULL);
  if (self->linked)
    start_watch (self);
}

void
serah_server_desk_link_async (SerahServerDesk *self, const char *url, const char *password,
                              const char *operator_name, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (SERAH_IS_SERVER_DESK (self));
  job->kind = JOB_LINK;
  job->url = g_strdup (url);
  job->password = g_strdup (password);
  job->operator_name = g_strdup (operator_name);
  start_job (self, job, callback, user_data);
}

gboolean
serah_server_desk_link_finish (SerahServerDesk *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  link_changed (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

void
serah_server_desk_unlink_async (SerahServerDesk *self, const char *operator_name,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (SERAH_IS_SERVER_DESK (self));
  job->kind = JOB_UNLINK;
  job->operator_name = g_strdup (operator_name);
  start_job (self, job, callback, user_data);
}

gboolean
serah_server_desk_unlink_finish (SerahServerDesk *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  link_changed (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

void
serah_server_desk_status_async (SerahServerDesk *self, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (SERAH_IS_SERVER_DESK (self));
  job->kind = JOB_STATUS;
  start_job (self, job, callback, user_data);
}

SerahServerStatus *
serah_server_desk_status_finish (SerahServerDesk *self, GAsyncResult *result, GError **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&job->status);
}

/* ---- the office's audit log ---- */

static void
office_log_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SerahServerDesk *self = SERAH_SERVER_DESK (source);
  g_autoptr(GTask) outer = data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      learn (self, job, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  learn (self, job, NULL);
  g_task_return_pointer (outer, g_steal_pointer (&job->office_log),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
serah_server_desk_office_log_async (SerahServerDesk *self, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (SERAH_IS_SERVER_DESK (self));
  job->kind = JOB_OFFICE_LOG;
  /* The outer task carries the result, so that what the job taught (online or not) is
   * learnt on the main thread before the caller sees it. */
  start_job (self, job, office_log_done, g_task_new (self, NULL, callback, user_data));
}

GPtrArray *
serah_server_desk_office_log_finish (SerahServerDesk *self, GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ---- */

gboolean
serah_server_desk_get_linked (SerahServerDesk *self)
{
  g_return_val_if_fail (SERAH_IS_SERVER_DESK (self), FALSE);
  return self->linked;
}

gboolean
serah_server_desk_get_online (SerahServerDesk *self)
{
  g_return_val_if_fail (SERAH_IS_SERVER_DESK (self), FALSE);
  return self->online;
}

const char *
serah_server_desk_get_message (SerahServerDesk *self)
{
  g_return_val_if_fail (SERAH_IS_SERVER_DESK (self), NULL);
  return self->message;
}

static void
store_changed (SerahServerDesk *self, guint what)
{
  /* Offline, the reconnection syncs: a sync now would hold the worker (and the next
   * handover) for a connect timeout. */
  /* A print run, reprint or void goes out at once too, so another desk can check its cards
   * off (and refuse voided ones) within the sync after it. */
  if ((what & (SERAH_CHANGE_HANDOVERS | SERAH_CHANGE_PRINT_RUNS)) && self->linked &&
      self->online)
    request_sync (self);
}

/* The store is going away: nothing more to tell it. Jobs still running keep the desk (their
 * task holds a reference) and its worker store until they end. */
static void
store_gone (gpointer data)
{
  SerahServerDesk *self = data;

  self->store = NULL;
  stop_watch (self);
  g_object_unref (self);
}

static GQuark
desk_quark (void)
{
  return g_quark_from_static_string ("serah-server-desk");
}

SerahServerDesk *
serah_server_desk_for_store (SerahStore *store)
{
  SerahServerDesk *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  self = g_object_get_qdata (G_OBJECT (store), desk_quark ());
  if (self != NULL)
    return self;
  self = g_object_new (SERAH_TYPE_SERVER_DESK, NULL);
  self->store = store;
  self->linked = serah_server_is_linked (store);
  g_object_set_qdata_full (G_OBJECT (store), desk_quark (), self, store_gone);
  /* The UI's connection never talks to the server (an undo would otherwise push on the main
   * thread): what it records locally goes with the worker's next sync, which every change of
   * handovers starts. */
  serah_server_set_deferred (store, TRUE);
  g_signal_connect_object (serah_changes_for_store (store), "changed",
                           G_CALLBACK (store_changed), self, G_CONNECT_SWAPPED);
  if (self->linked)
    {
      self->message = g_strdup (_("Connecting to the office server…"));
      start_watch (self);
    }
  return self;
}

static void
serah_server_desk_finalize (GObject *object)
{
  SerahServerDesk *self = SERAH_SERVER_DESK (object);

  stop_watch (self);
  g_clear_object (&self->worker_store);
  g_mutex_clear (&self->worker_lock);
  g_free (self->message);
  G_OBJECT_CLASS (serah_server_desk_parent_class)->finalize (object);
}

static void
serah_server_desk_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahServerDesk *self = SERAH_SERVER_DESK (object);

  switch (prop_id)
    {
    case PROP_LINKED:
      g_value_set_boolean (value, self->linked);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_server_desk_class_init (SerahServerDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = serah_server_desk_finalize;
  object_class->get_property = serah_server_desk_get_property;

  properties[PROP_LINKED] =
    g_param_spec_boolean ("linked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_server_desk_init (SerahServerDesk *self)
{
  g_mutex_init (&self->worker_lock);
}
