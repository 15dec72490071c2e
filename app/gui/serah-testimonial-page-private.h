/* serah-testimonial-page-private.h: what the files of the Testimoni page share:
 * serah-testimonial-page.c (the page: ceremonies, the person just served, search, wiring),
 * serah-testimonial-form.c (the form: text, rating, topics, photo, consent, saving),
 * serah-testimonial-recording.c (the recorder, its level and timer, recordings left over or
 * recovered after a crash) and serah-testimonial-list.c (the list, the quote card preview,
 * withdrawing consent, exports). Never included outside those files. */
#pragma once

#include <serah/store/serah-changes.h>
#include <serah/testimonials/serah-recorder.h>

#include "serah-testimonial-page.h"

G_BEGIN_DECLS

struct _SerahTestimonialPage
{
  AdwBin            parent_instance;

  SerahStore       *store;
  SerahRecorder    *recorder;
  GArray           *ceremony_ids;     /* gint64, parallel to ceremony_names */
  gint64            participant_id;
  gint64            suggestion_id;
  char             *photo_path;       /* chosen file, copied into the media folder on save */
  char             *audio_file;       /* media name of the recording to attach */
  int               rating;
  GPtrArray        *leftovers;        /* SerahRecording: recovered or finished, unattached */
  SerahTestimonial *selected;
  guint             tick_source;
  gboolean          no_input_device;  /* found when the last recording started */
  GCancellable     *cancellable;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkRevealer      *recovered_revealer;
  GtkLabel         *recovered_label;
  GtkDropDown      *ceremony_dropdown;
  GtkStringList    *ceremony_names;
  GtkButton        *suggestion_button;
  AdwButtonContent *suggestion_content;
  GtkSearchEntry   *search_entry;
  GtkRevealer      *results_revealer;
  GtkListBox       *results_list;
  GtkLabel         *person_name;
  GtkLabel         *person_detail;
  GtkTextView      *text_view;
  GtkBox           *rating_box;
  GtkBox           *tag_box;
  GtkEntry         *other_tags_entry;
  GtkLevelBar      *level_bar;
  GtkLabel         *audio_label;
  GtkLabel         *audio_warning;
  GtkPicture       *photo_picture;
  AdwButtonContent *photo_content;
  GtkCheckButton   *consent_none;
  GtkCheckButton   *consent_anonymous;
  GtkCheckButton   *consent_named;
  GtkLabel         *list_title;
  GtkListBox       *testimonial_list;
  GtkDrawingArea   *card_preview;
  GtkLabel         *selected_consent;
};

/* serah-testimonial-page.c */
/* The operator signed in to the window (hardening, issue 6). */
const char *serah_testimonial_page_operator_name    (SerahTestimonialPage *self);
void        serah_testimonial_page_toast            (SerahTestimonialPage *self,
                                                     const char           *message);
/* The ceremony chosen at the top of the page, 0 for "not at a ceremony". */
gint64      serah_testimonial_page_current_ceremony (SerahTestimonialPage *self);

/* serah-testimonial-form.c */
/* Enables save, record, stop, play and withdraw for the state of the form and recorder. */
void        serah_testimonial_page_update_actions   (SerahTestimonialPage *self);
/* Shows the participant the testimonial is about; 0 or an unknown id shows nobody. */
void        serah_testimonial_page_show_person      (SerahTestimonialPage *self,
                                                     gint64                participant_id);
/* Shows the length of the recording to attach, or "none". */
void        serah_testimonial_page_show_audio       (SerahTestimonialPage *self);
void        serah_testimonial_page_clear_form       (SerahTestimonialPage *self);
/* Builds the rating and topic buttons and follows the text: called from the page's init. */
void        serah_testimonial_page_init_form        (SerahTestimonialPage *self);
/* Installs testimonial.save, .clear and .choose-photo, Ctrl+S and on_form_changed. */
void        serah_testimonial_page_class_init_form  (GtkWidgetClass       *widget_class);

/* serah-testimonial-recording.c */
/* "mm:ss" of a duration in milliseconds. */
char       *serah_testimonial_page_format_ms        (gint64                ms);
/* Offers the recordings never attached to a testimonial (recovered or finished). */
void        serah_testimonial_page_show_leftovers   (SerahTestimonialPage *self);
/* A recorder for the page's new store, and the recovery of cut-short recordings in a
 * worker thread on its own connection. */
void        serah_testimonial_page_start_recorder   (SerahTestimonialPage *self);
/* Installs testimonial.record, .stop, .play, .use-recovered, .discard-recovered and Ctrl+R. */
void        serah_testimonial_page_class_init_recording (GtkWidgetClass   *widget_class);

/* serah-testimonial-list.c */
/* Reads the testimonials of the chosen ceremony again, keeping the selection. */
void        serah_testimonial_page_refresh_list     (SerahTestimonialPage *self);
/* Draws the quote card of the selected testimonial: called from the page's init. */
void        serah_testimonial_page_init_list        (SerahTestimonialPage *self);
/* Installs testimonial.withdraw and .export and on_testimonial_selected. */
void        serah_testimonial_page_class_init_list  (GtkWidgetClass       *widget_class);

G_END_DECLS
