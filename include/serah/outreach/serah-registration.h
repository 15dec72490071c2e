/* serah-registration.h: on-site registration of people not yet covered (pendaftaran baru),
 * at an activity or a ceremony desk.
 *
 * A registration is checked as the importer checks a row (the NIK's structure, the birth date
 * and sex it encodes against the form, the KK's format, the region codes), matched against the
 * register (already a participant? already registered and still open?), and recorded with its
 * first status event, "submitted". The office exports the submission list (CSV or XLSX) for
 * verification; the answer is recorded as events (verified; rejected with a reason). When a
 * later verified list is imported with the NIK in it, the import closes the registration
 * ("covered") in its own transaction. Events are appended, never changed.
 *
 * Full NIKs and KK numbers leave the machine only in the administrator's export (audited);
 * lists on screen show serah_nik_mask().
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

typedef struct {
  char    *code;     /* stable: "nik-length", "nik-sex-mismatch", ... */
  gboolean error;    /* TRUE: refused; FALSE: a warning, recorded with the registration */
  char    *message;  /* for people, translated */
} SerahRegistrationProblem;

void serah_registration_problem_free (SerahRegistrationProblem *self);

/* Checks a draft without touching the database. Element type SerahRegistrationProblem, in
 * the order found; empty when all is well.
 *   errors:   nik-length nik-invalid nik-date-invalid nik-region-invalid kk-length kk-invalid
 *             kk-region-invalid name-missing sex-missing birth-date-invalid birth-date-future
 *             desa-missing
 *   warnings: nik-birthdate-mismatch nik-sex-mismatch kk-region-differs
 * The region check is structural (the province code of the NIK and the KK must be one of
 * Indonesia's). A check of the whole region code against the area reference data is the next
 * step once that data is in the core (see serah-registration.c: check_region_against_area). */
GPtrArray *serah_registration_check (const SerahRegistration *draft,
                                     const char              *today);

/* Label for people: "Diajukan", "Terverifikasi", "Ditolak", "Sudah jadi peserta". */
const char *serah_registration_status_label (SerahRegistrationStatus status);

/* Records a registration (the use case): runs serah_registration_check (any error refuses
 * it: SERAH_OUTREACH_ERROR_INVALID, the message lists the problems), refuses a NIK that is
 * already a participant or already has an open registration (SERAH_OUTREACH_ERROR_REFUSED),
 * then writes it with its "submitted" event in one transaction under operator_name. Warnings
 * are stored with it. today: ISO date the birth date must not be after (NULL: the clock).
 * Returns the new id, 0 on error; *problems_out (may be NULL) gets the check's problems. */
gint64 serah_registration_record (SerahStore              *store,
                                  const SerahRegistration *draft,
                                  const char              *today,
                                  const char              *operator_name,
                                  GPtrArray              **problems_out,
                                  GError                 **error);

/* Appends a status event: submitted -> verified or rejected; verified -> rejected. A
 * rejection needs a reason. "covered" is only set by an import. Refused transitions give
 * SERAH_OUTREACH_ERROR_REFUSED. */
gboolean serah_registration_set_status (SerahStore              *store,
                                        gint64                   registration_id,
                                        SerahRegistrationStatus  status,
                                        const char              *reason,
                                        const char              *operator_name,
                                        GError                 **error);

/* NULL with SERAH_OUTREACH_ERROR_NOT_FOUND when there is none. */
SerahRegistration *serah_registration_get (SerahStore  *store,
                                           gint64       registration_id,
                                           GError     **error);

typedef struct {
  gboolean                only_status; /* TRUE: only registrations whose status is status */
  SerahRegistrationStatus status;
  const char             *from;        /* recorded on or after (ISO date), NULL: any */
  const char             *to;          /* recorded on or before, NULL: any */
  gint64                  activity_id; /* 0: any */
} SerahRegistrationFilter;

/* Registrations with their current status, oldest first. filter NULL: all. */
GPtrArray *serah_registration_list (SerahStore                    *store,
                                    const SerahRegistrationFilter *filter,
                                    GError                       **error);

typedef enum {
  SERAH_REGISTRATION_FORMAT_CSV,
  SERAH_REGISTRATION_FORMAT_XLSX,
} SerahRegistrationFormat;

/* The submission list the office sends for verification, with full NIK and KK (text cells in
 * XLSX, so a spreadsheet never turns them into 3.6E+15), the check's warnings and the status.
 * Records "export.registrations" in the audit log in the same transaction; *n_written (may be
 * NULL) gets the number of rows. */
gboolean serah_registration_export (SerahStore                    *store,
                                    const SerahRegistrationFilter *filter,
                                    SerahRegistrationFormat        format,
                                    const char                    *path,
                                    const char                    *operator_name,
                                    guint                         *n_written,
                                    GError                       **error);

G_END_DECLS
