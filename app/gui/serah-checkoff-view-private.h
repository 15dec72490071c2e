/* serah-checkoff-view-private.h: what serah-checkoff-view.c (the screen: scan field, states,
 * focus) and serah-checkoff-view-actions.c (handover, undo, representative, lists, station
 * bundles) share. Never included outside those two files. */
#pragma once

#include "serah-checkoff-view.h"
#include "serah-checkoff-progress.h"
#include "serah-server-desk.h"
#include <serah/store/serah-changes.h>

G_BEGIN_DECLS

struct _SerahCheckoffView
{
  GtkWidget           parent_instance;

  SerahStore         *store;
  gint64              ceremony_id;
  char               *operator_name;
  char               *station;
  SerahCheckoffState  state;

  /* The person on screen and how they were identified. */
  SerahCheckoffEntry *current;
  SerahIdentifiedBy   current_how;
  char               *current_code;  /* the scanned text, upper case, when scanned */

  /* A representative for the next handover; proxy_for 0 = whoever is found next. */
  char               *proxy_name;
  char               *proxy_relation;
  char               *proxy_id_number;
  gint64              proxy_for;

  /* The ceremony's check-off mode (core setting): confirm after the KTP, or scan = hand over. */
  SerahCheckoffMode   mode;
  /* People scanned while someone was waiting for confirmation (SerahCheckoffNext), oldest
   * first: shown, never dropped, when the person on screen is handed over or set aside. */
  GQueue              next_queue;

  /* The refusal on screen and how many times in a row it came. */
  char               *last_refusal;
  guint               refusal_repeats;

  SerahHandover      *last_handover; /* recorded here, for Ctrl+Z and the toast */
  AdwToast           *handover_toast;
  char               *undo_uuid;     /* the handover the open undo dialog is about */
  GtkWindow          *undo_parent;

  GListStore         *results;
  GtkSingleSelection *results_selection;
  char               *results_query;
  SerahIdentifiedBy   results_how;
  gboolean            clearing;

  gint64              submit_started;
  gint64              feedback_usec;
  gulong              after_paint_handler;
  GdkFrameClock      *frame_clock;

  GtkWindow          *window;
  gulong              focus_handler;
  gulong              active_handler;
  guint               refocus_idle;

  AdwToastOverlay    *toast_overlay;
  GtkLabel           *ceremony_title;
  GtkLabel           *ceremony_subtitle;
  GtkSearchEntry     *scan_entry;
  GtkBox             *banner;
  GtkImage           *banner_icon;
  GtkLabel           *banner_title;
  GtkLabel           *banner_detail;
  GtkWidget          *next_bar;
  GtkLabel           *next_label;
  GtkStack           *result_stack;
  GtkLabel           *results_label;
  GtkListView        *results_view;
  GtkLabel           *person_name;
  GtkLabel           *person_area;
  GtkLabel           *person_nik;
  GtkLabel           *person_birth;
  GtkLabel           *person_place;
  GtkLabel           *person_invited;
  GtkLabel           *person_recipient;
  GtkWidget          *confirm_button;
  GtkWidget          *uninvited_button;
  GtkWidget          *representative_button;
  GtkWidget          *self_button;
  GtkWidget          *undo_shown_button;
  SerahCheckoffProgress *progress_panel;

  /* issue 16 (serah-checkoff-server.c): the office server's desk, the change hub, the
   * online line, and a handover on its way through the desk's worker. */
  SerahServerDesk    *server_desk;
  SerahChanges       *changes;
  GtkLabel           *server_label;
  gboolean            handover_busy;
};

/* serah-checkoff-view.c: what the screen shows, used by the actions */
void serah_checkoff_clear_proxy (SerahCheckoffView *self);
void serah_checkoff_clear_scan_text (SerahCheckoffView *self);
char *serah_checkoff_describe_handover (const SerahHandover *h);
void serah_checkoff_fill_person (SerahCheckoffView *self);
void serah_checkoff_finish_timing (SerahCheckoffView *self);
GtkWindow *serah_checkoff_parent_window (SerahCheckoffView *self);
void serah_checkoff_pick_result (SerahCheckoffView *self, guint position);
void serah_checkoff_queue_refocus (SerahCheckoffView *self);
void serah_checkoff_refresh_progress (SerahCheckoffView *self);
void serah_checkoff_set_state (SerahCheckoffView *self, SerahCheckoffState state);
void serah_checkoff_show_banner (SerahCheckoffView *self,
                                 const char *kind,
                                 const char *icon,
                                 const char *title,
                                 const char *detail);
void serah_checkoff_show_idle (SerahCheckoffView *self);
void serah_checkoff_show_refusal (SerahCheckoffView *self, const GError *refusal);
void serah_checkoff_start_timing (SerahCheckoffView *self);
void serah_checkoff_submit (SerahCheckoffView *self);
void serah_checkoff_update_recipient_label (SerahCheckoffView *self);
/* Someone on screen waits for the officer (found and not yet handed over). */
gboolean serah_checkoff_is_pending (SerahCheckoffView *self);
/* Shows the oldest queued person (re-read from the store); FALSE when none was queued. */
gboolean serah_checkoff_show_next (SerahCheckoffView *self);
/* Forgets the queue (another ceremony). */
void serah_checkoff_clear_queue (SerahCheckoffView *self);
void serah_checkoff_set_mode (SerahCheckoffView *self, SerahCheckoffMode mode);

/* serah-checkoff-view-actions.c */
/* Records the handover of the person on screen (the core commits it durably first). */
void serah_checkoff_record_handover (SerahCheckoffView *self, gboolean allow_uninvited);
/* Shows what came of a handover (h, or NULL with error) on the screen. */
void serah_checkoff_handover_recorded (SerahCheckoffView *self,
                                       const SerahHandover *h,
                                       const GError *error);
/* Installs the widget actions and their keyboard bindings. */
void serah_checkoff_view_class_init_actions (GtkWidgetClass *widget_class);

/* serah-checkoff-server.c (issue 16) */
/* Follows the store's office-server desk and change hub (after the store changed). */
void     serah_checkoff_server_attach (SerahCheckoffView *self);
void     serah_checkoff_server_detach (SerahCheckoffView *self);
/* When linked: records through the desk's worker and answers TRUE (the screen is updated
 * when it is done); FALSE when not linked (record here, as before). */
gboolean serah_checkoff_server_record (SerahCheckoffView          *self,
                                       const SerahHandoverRequest *request);

G_END_DECLS
