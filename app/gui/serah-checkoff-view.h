/* serah-checkoff-view.h: the check-off screen of one ceremony (scan, confirm, undo, progress). */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

/* What the screen shows; tests and accessibility read it from the "state" property. */
typedef enum {
  SERAH_CHECKOFF_IDLE,        /* waiting for a scan */
  SERAH_CHECKOFF_RESULTS,     /* search results: pick one */
  SERAH_CHECKOFF_PERSON,      /* found, invited, not handed over: Enter hands over */
  SERAH_CHECKOFF_NOT_INVITED, /* found, not invited: only the explicit action hands over */
  SERAH_CHECKOFF_HANDED_OVER, /* just recorded at this screen */
  SERAH_CHECKOFF_ALREADY,     /* handed over before: nothing recorded */
  SERAH_CHECKOFF_REFUSED,     /* forged, voided, foreign or unknown code: nothing recorded */
} SerahCheckoffState;

#define SERAH_TYPE_CHECKOFF_STATE (serah_checkoff_state_get_type ())
GType serah_checkoff_state_get_type (void) G_GNUC_CONST;

#define SERAH_TYPE_CHECKOFF_VIEW (serah_checkoff_view_get_type ())
G_DECLARE_FINAL_TYPE (SerahCheckoffView, serah_checkoff_view, SERAH, CHECKOFF_VIEW, GtkWidget)

SerahCheckoffState  serah_checkoff_view_get_state      (SerahCheckoffView *self);
/* Milliseconds from the last Enter to the frame that showed its answer (0 before any). */
double              serah_checkoff_view_get_feedback_ms (SerahCheckoffView *self);
/* Puts the keyboard focus back into the scan field (if the view is on screen). */
void                serah_checkoff_view_focus_scan      (SerahCheckoffView *self);
/* Re-reads the ceremony, the shown person and the progress (after a merge, say). */
void                serah_checkoff_view_reload          (SerahCheckoffView *self);
/* Shows one participant as if found by search (from the not-yet-served list). */
void                serah_checkoff_view_show_participant (SerahCheckoffView *self,
                                                          gint64             participant_id);

G_END_DECLS
