/* serah-outreach-page-private.h: the Sosialisasi page's instance, shared by the files it is
 * split over by concern (the page and its lists; activities; registrations; surveys; feedback),
 * as the Testimoni page is. Never included outside app/gui/serah-outreach-*.c. */
#pragma once

#include "serah-area-selector.h"
#include "serah-outreach-page.h"

G_BEGIN_DECLS

struct _SerahOutreachPage
{
  AdwBin           parent_instance;

  SerahStore      *store;
  gboolean         areas_loaded;   /* activity_area has its list (select_all needs one) */
  gboolean         areas_stale;    /* the register changed (or the store was set) while the
                                    * page was not on screen: load_areas on map (issue #10) */
  gboolean         stale;          /* the store changed while the page was not on screen */
  GArray          *activity_ids;   /* gint64 per row of the activity dropdowns; [0] = 0, none */
  GArray          *feedback_ids;   /* gint64 per row of fb_list */
  char             reg_nik[17];    /* the NIK typed, while the entry shows it masked */
  SerahSurvey     *survey;         /* the understanding quiz shown, or NULL */
  GPtrArray       *question_drops; /* GtkDropDown per question of survey */
  GtkDropDown     *skm_drops[SERAH_SKM_ELEMENTS];

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkStack        *sub_stack;

  GtkDropDown     *activity_kind;
  GtkStringList   *activity_kinds;
  GtkEntry        *activity_date;
  GtkEntry        *activity_place;
  GtkSpinButton   *activity_attendance;
  GtkSpinButton   *activity_brosur;
  GtkSpinButton   *activity_pamflet;
  GtkCheckButton  *partner_desa;
  GtkCheckButton  *partner_lsm;
  GtkCheckButton  *partner_media;
  GtkCheckButton  *partner_tokoh;
  GtkCheckButton  *partner_puskesmas;
  SerahAreaSelector *activity_area;
  GtkLabel        *activity_message;
  GtkListBox      *activity_list;
  GtkDropDown     *activity_ceremony; /* the handover ceremony it went with; item 0: none */
  GtkStringList   *activity_ceremonies;
  GArray          *ceremony_ids;    /* gint64 per item of activity_ceremonies; 0 first */
  GtkEntry        *attendee_code;   /* scan, NIK or card number for the chosen activity */
  GtkDropDown     *link_ceremony;   /* polish: the chosen activity's ceremony (activity_ceremonies) */
  GtkLabel        *attendee_message;
  gint64           activity_keep_selected;

  GtkDropDown     *reg_activity;
  GtkStringList   *reg_activities;
  GtkEntry        *reg_nik_entry;
  GtkEntry        *reg_kk;
  GtkEntry        *reg_name;
  GtkDropDown     *reg_sex;
  GtkStringList   *reg_sexes;
  GtkEntry        *reg_birth;
  GtkEntry        *reg_address;
  GtkEntry        *reg_rt;
  GtkEntry        *reg_rw;
  GtkDropDown     *reg_desa;        /* the desa of the chosen kecamatan (serah_outreach_form_areas) */
  GtkStringList   *reg_desas;
  GtkDropDown     *reg_kecamatan;   /* the office kabupaten's kecamatan and the register's */
  GtkStringList   *reg_kecamatans;
  GPtrArray       *reg_areas;       /* SerahAreaCount, desa per kecamatan for the forms */
  GtkEntry        *reg_phone;
  GtkEntry        *reg_reason;
  GtkLabel        *reg_message;
  GtkLabel        *reg_summary;
  GtkListBox      *reg_list;
  GtkLabel        *reg_history;
  GtkEntry        *reg_decision_reason;
  GtkLabel        *reg_decision_message;
  gint64           reg_keep_selected; /* the row to choose again after a reload, 0: none */

  GtkLabel        *survey_title;
  GtkDropDown     *survey_choice;   /* shown when surveys/ holds more than one questionnaire */
  GtkStringList   *survey_names;
  GtkDropDown     *survey_phase;
  GtkStringList   *survey_phases;
  GtkDropDown     *survey_activity;
  GtkStringList   *survey_activities;
  GtkEntry        *survey_date;
  GtkGrid         *survey_questions;
  GtkLabel        *survey_message;
  GtkEntry        *skm_unit;
  GtkEntry        *skm_date;
  GtkGrid         *skm_grid;
  GtkLabel        *skm_message;
  GtkLabel        *skm_summary;
  GtkDropDown     *skm_sex;         /* polish: the respondent profile; item 0: not given */
  GtkSpinButton   *skm_age;         /* 0: not given */
  GtkDropDown     *skm_education;   /* item 0: not given, then serah_skm_education_keys */
  GtkDropDown     *skm_occupation;  /* item 0: not given, then serah_skm_occupation_keys */

  GtkDropDown     *fb_channel;
  GtkStringList   *fb_channels;
  GtkDropDown     *fb_category;
  GtkStringList   *fb_categories;
  GtkEntry        *fb_desa;
  GtkEntry        *fb_card;
  GtkTextView     *fb_text;
  GtkLabel        *fb_message;
  GtkLabel        *fb_summary;
  GtkListBox      *fb_list;
  GtkDropDown     *fb_destination;
  GtkStringList   *fb_destinations;
  GtkEntry        *fb_response;
  GtkEntry        *fb_new_name;
  GtkLabel        *fb_follow_message;
};

/* serah-outreach-page.c */
void     serah_outreach_page_toast        (SerahOutreachPage *self,
                                           const char        *message);
/* Shows message under a form (or hides the label for NULL). */
void     serah_outreach_page_say          (GtkLabel          *label,
                                           const char        *message);
/* Today as YYYY-MM-DD, the default of the date fields. */
char    *serah_outreach_page_today        (void);
/* The activity chosen in dropdown (one of the activity dropdowns), 0 for none. */
gint64   serah_outreach_page_activity_of  (SerahOutreachPage *self,
                                           GtkDropDown       *dropdown);
/* A boxed-list row of a title and a subtitle. */
GtkWidget *serah_outreach_page_row        (const char        *title,
                                           const char        *subtitle);
/* Everything recorded here is told to the window's other pages (Laporan). */
void     serah_outreach_page_changed      (SerahOutreachPage *self);
/* Names a drop down and its inner button for screen readers. */
void     serah_outreach_page_name_dropdown (GtkDropDown     *dropdown,
                                            const char      *name);
void     serah_outreach_page_clear_list   (GtkListBox        *list);

/* serah-outreach-activities.c */
void serah_outreach_activities_class_init (GtkWidgetClass    *widget_class);
void serah_outreach_activities_init       (SerahOutreachPage *self);
void serah_outreach_activities_reload     (SerahOutreachPage *self);

/* serah-outreach-registrations.c */
void serah_outreach_registrations_class_init (GtkWidgetClass    *widget_class);
void serah_outreach_registrations_init       (SerahOutreachPage *self);
void serah_outreach_registrations_reload     (SerahOutreachPage *self);
/* The forms' areas (SerahAreaCount, referenced; NULL: none) for the desa and kecamatan. */
void serah_outreach_registrations_set_areas  (SerahOutreachPage *self,
                                              GPtrArray         *areas);

/* serah-outreach-surveys.c */
void serah_outreach_surveys_class_init (GtkWidgetClass    *widget_class);
void serah_outreach_surveys_init       (SerahOutreachPage *self);
void serah_outreach_surveys_dispose    (SerahOutreachPage *self);
void serah_outreach_surveys_reload     (SerahOutreachPage *self);

/* serah-outreach-feedback.c */
void serah_outreach_feedback_class_init (GtkWidgetClass    *widget_class);
void serah_outreach_feedback_init       (SerahOutreachPage *self);
void serah_outreach_feedback_reload     (SerahOutreachPage *self);

G_END_DECLS
