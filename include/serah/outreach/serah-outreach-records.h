/* serah-outreach-records.h: the row types of the outreach area (issue 15) and the area's
 * error domain. It sits below both the store's SQL (serah-store-outreach.c) and the rules
 * (serah-skm.c, serah-registration.c, ...), so neither has to include the other.
 */
#pragma once

#include <serah/register/serah-participant.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_OUTREACH_ERROR (serah_outreach_error_quark ())
typedef enum {
  SERAH_OUTREACH_ERROR_INVALID,     /* a value out of its range or list; the message names it */
  SERAH_OUTREACH_ERROR_NOT_FOUND,   /* no such activity, registration, survey ... */
  SERAH_OUTREACH_ERROR_REFUSED,     /* a rule refuses it (closed registration, duplicate NIK) */
  SERAH_OUTREACH_ERROR_IO,
} SerahOutreachError;
/**
 * serah_outreach_error_quark:
 *
 * Returns: the quark of #SerahOutreachError
 */
GQuark serah_outreach_error_quark (void);

/* One SKM answer sheet (anonymous). */
typedef struct {
  gint64   id;
  char    *uuid;
  char    *unit;              /* unit layanan, e.g. "Dinas Kesehatan" or a puskesmas */
  char     surveyed_on[11];   /* ISO date */
  gint64   activity_id;       /* 0 when not taken at an activity */
  SerahSex sex;               /* SERAH_SEX_UNKNOWN: not given */
  int      age;               /* 0: not given */
  char    *education;         /* a key of serah_skm_education_keys, or NULL */
  char    *occupation;        /* a key of serah_skm_occupation_keys, or NULL */
  guint8   answers[9];        /* U1..U9, 1..4 */
  char    *recorded_by;
  gint64   recorded_at;
} SerahSkmResponse;

/**
 * serah_skm_response_free:
 * @self: (nullable): a response, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_skm_response_free (SerahSkmResponse *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSkmResponse, serah_skm_response_free)

/* ---- activities ---- */

typedef struct {
  char *kind;   /* a key of serah_activity_partner_kinds */
  char *name;   /* "Pemerintah Desa Teluk", or NULL */
} SerahActivityPartner;

typedef struct {
  char  *material;  /* "brosur", "pamflet", ... (lower case) */
  gint64 count;
} SerahActivityMaterial;

typedef struct {
  gint64     id;
  char      *uuid;
  char      *kind;          /* a key of serah_activity_kinds */
  char       held_on[11];   /* ISO date */
  char      *place;
  char      *desa;
  char      *kecamatan;
  gint64     attendance;    /* people counted */
  gint64     listed;        /* registered people on the attendance list (scan or NIK) */
  gint64     ceremony_id;   /* the handover ceremony it went with, 0 if none */
  char      *note;
  char      *recorded_by;
  gint64     recorded_at;
  GPtrArray *partners;      /* SerahActivityPartner, never NULL once read */
  GPtrArray *materials;     /* SerahActivityMaterial, never NULL once read */
} SerahActivity;

/**
 * serah_activity_new:
 *
 * An empty activity (a draft to fill in), with empty partners and materials arrays that own
 * their elements.
 *
 * Returns: (transfer full): a new activity, to free with serah_activity_free()
 */
SerahActivity *serah_activity_new  (void);
/**
 * serah_activity_free:
 * @self: (nullable): an activity, or %NULL
 *
 * Frees @self, its strings and its partners and materials.
 */
void           serah_activity_free (SerahActivity *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahActivity, serah_activity_free)

/* ---- registrations ---- */

typedef enum {
  SERAH_REGISTRATION_SUBMITTED,  /* diajukan: recorded at the desk, to be sent for verification */
  SERAH_REGISTRATION_VERIFIED,   /* terverifikasi by BPJS / Dinsos */
  SERAH_REGISTRATION_REJECTED,   /* ditolak, with the reason */
  SERAH_REGISTRATION_COVERED,    /* closed: a later import brought the NIK into the register */
} SerahRegistrationStatus;

typedef struct {
  gint64   id;
  char    *uuid;
  char     nik[17];
  char     kk[17];          /* Nomor Kartu Keluarga */
  char    *name;
  SerahSex sex;
  char     birth_date[11];  /* ISO */
  char    *address;
  char    *rt;
  char    *rw;
  char    *desa;
  char    *kecamatan;
  char    *phone;
  char    *reason;          /* why the person is not covered */
  gint64   activity_id;     /* 0: none */
  gint64   ceremony_id;     /* 0: none */
  char    *warnings;        /* the check's warning codes, comma-separated, or NULL */
  char    *recorded_by;
  gint64   recorded_at;
  /* The current status: the newest event. */
  SerahRegistrationStatus status;
  char    *status_reason;   /* the reason of a rejection */
  char    *status_by;
  gint64   status_at;
  gint64   status_import_id; /* COVERED: the import that brought the NIK in */
} SerahRegistration;

/**
 * serah_registration_new:
 *
 * An empty registration, all fields zero (a draft to fill in).
 *
 * Returns: (transfer full): a new registration, to free with serah_registration_free()
 */
SerahRegistration *serah_registration_new  (void);
/**
 * serah_registration_free:
 * @self: (nullable): a registration, or %NULL
 *
 * Frees @self and its strings.
 */
void               serah_registration_free (SerahRegistration *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahRegistration, serah_registration_free)

/* One step of a registration's status history, as appended (never changed). */
typedef struct {
  SerahRegistrationStatus status;
  char   *reason;         /* the reason of a rejection, or NULL */
  char   *operator_name;  /* who recorded it, or NULL (an import) */
  gint64  at;             /* Unix time */
  gint64  import_id;      /* COVERED: the import that brought the NIK in; else 0 */
} SerahRegistrationEvent;

/**
 * serah_registration_event_free:
 * @self: (nullable): an event, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_registration_event_free (SerahRegistrationEvent *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahRegistrationEvent, serah_registration_event_free)

/**
 * serah_registration_status_to_string:
 * @status: a status
 *
 * "submitted", "verified", "rejected", "covered": as stored.
 *
 * Returns: (transfer none) (nullable): a static string; %NULL for a value out of the
 *   enumeration
 */
const char *serah_registration_status_to_string (SerahRegistrationStatus status);
/**
 * serah_registration_status_word:
 * @status: a status
 *
 * The Indonesian word of the submission list: diajukan, terverifikasi, ditolak, selesai.
 *
 * Returns: (transfer none) (nullable): a static string; %NULL for a value out of the
 *   enumeration
 */
const char *serah_registration_status_word      (SerahRegistrationStatus status);
/**
 * serah_registration_status_parse:
 * @text: (nullable): a word, any case
 * @status: (out): the status, set only when %TRUE is returned
 *
 * Accepts the stored words and the Indonesian ones (diajukan, terverifikasi, ditolak, selesai).
 *
 * Returns: %TRUE when @text is one of them
 */
gboolean    serah_registration_status_parse     (const char              *text,
                                                 SerahRegistrationStatus *status);

/* ---- feedback and complaints ---- */

typedef enum {
  SERAH_FEEDBACK_RECEIVED,   /* diterima */
  SERAH_FEEDBACK_FORWARDED,  /* diteruskan ke BPJS / puskesmas / desa */
  SERAH_FEEDBACK_RESOLVED,   /* selesai, with the response */
} SerahFeedbackState;

typedef struct {
  gint64             id;
  char              *uuid;
  char              *channel;        /* a key of serah_feedback_channels */
  char              *category;       /* a key of serah_feedback_categories */
  char              *desa;
  char              *text;
  gint64             participant_id; /* 0: not linked */
  gint64             activity_id;    /* 0: none */
  char              *recorded_by;
  gint64             recorded_at;
  /* The current state: the newest event. */
  SerahFeedbackState state;
  char              *forwarded_to;   /* of the newest forwarding, if any */
  char              *response;       /* RESOLVED: the answer given */
  char              *state_by;
  gint64             state_at;
} SerahFeedback;

/**
 * serah_feedback_new:
 *
 * An empty feedback item, all fields zero.
 *
 * Returns: (transfer full): a new item, to free with serah_feedback_free()
 */
SerahFeedback *serah_feedback_new  (void);
/**
 * serah_feedback_free:
 * @self: (nullable): an item, or %NULL
 *
 * Frees @self and its strings.
 */
void           serah_feedback_free (SerahFeedback *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahFeedback, serah_feedback_free)

/**
 * serah_feedback_state_to_string:
 * @state: a state
 *
 * "received", "forwarded", "resolved": as stored.
 *
 * Returns: (transfer none) (nullable): a static string; %NULL for a value out of the
 *   enumeration
 */
const char *serah_feedback_state_to_string (SerahFeedbackState state);
/**
 * serah_feedback_state_parse:
 * @text: (nullable): a word, any case
 * @state: (out): the state, set only when %TRUE is returned
 *
 * Accepts the stored words and diterima, diteruskan, selesai.
 *
 * Returns: %TRUE when @text is one of them
 */
gboolean    serah_feedback_state_parse     (const char         *text,
                                            SerahFeedbackState *state);

/* ---- understanding surveys ---- */

typedef enum {
  SERAH_SURVEY_PHASE_BEFORE,    /* before an activity */
  SERAH_SURVEY_PHASE_AFTER,     /* after an activity */
  SERAH_SURVEY_PHASE_HANDOVER,  /* after a card handover */
} SerahSurveyPhase;

typedef enum {
  SERAH_SURVEY_BY_ACTIVITY,
  SERAH_SURVEY_BY_DESA,
  SERAH_SURVEY_BY_MONTH,
} SerahSurveyGrouping;

typedef struct {
  char  *key;       /* activity id, desa or YYYY-MM ("" when not known) */
  guint  sheets[3];       /* per SerahSurveyPhase */
  double mean_percent[3]; /* mean score as % of the questions; 0 when no sheet */
} SerahSurveyScoreRow;

/**
 * serah_survey_score_row_free:
 * @self: (nullable): a row, or %NULL
 *
 * Frees @self and its key.
 */
void serah_survey_score_row_free (SerahSurveyScoreRow *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSurveyScoreRow, serah_survey_score_row_free)

/* ---- data corrections (issue 15: a "data salah" feedback leads to a reprint) ---- */

typedef struct {
  gint64  id;
  char   *uuid;
  gint64  feedback_id;
  gint64  participant_id;
  char   *field;          /* "name" */
  char   *old_value;
  char   *new_value;
  char   *requested_by;
  gint64  requested_at;
  /* The reprint that carried it out; run_id 0 while not reprinted. */
  gint64  reprint_run_id;
  gint64  reprint_serial;
  char   *reprinted_by;
  gint64  reprinted_at;
} SerahDataCorrection;

/**
 * serah_data_correction_free:
 * @self: (nullable): a correction
 *
 * Frees the correction.
 */
void serah_data_correction_free (SerahDataCorrection *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahDataCorrection, serah_data_correction_free)

G_END_DECLS
