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

/**
 * serah_registration_problem_free:
 * @self: (nullable): a problem, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_registration_problem_free (SerahRegistrationProblem *self);

/**
 * serah_registration_check:
 * @draft: the registration to check
 * @today: (nullable): ISO date the birth date must not be after; %NULL: the clock
 *
 * Checks a draft without touching the database. Element type SerahRegistrationProblem, in
 * the order found; empty when all is well.
 *
 * Codes:
 *   errors:   nik-length nik-invalid nik-date-invalid nik-region-invalid kk-length kk-invalid
 *             kk-region-invalid name-missing sex-missing birth-date-invalid birth-date-future
 *             desa-missing
 *   warnings: nik-birthdate-mismatch nik-sex-mismatch kk-region-differs
 * The region check is structural (the province code of the NIK and the KK must be one of
 * Indonesia's). A check of the whole region code against the area reference data is the next
 * step once that data is in the core (see serah-registration.c: check_region_against_area).
 *
 * Returns: (transfer container) (element-type SerahRegistrationProblem): the problems, never
 *   %NULL; the array frees its elements with serah_registration_problem_free(), so
 *   g_ptr_array_unref() it
 */
GPtrArray *serah_registration_check (const SerahRegistration *draft,
                                     const char              *today);

/**
 * serah_registration_status_label:
 * @status: a status
 *
 * Label for people: "Diajukan", "Terverifikasi", "Ditolak", "Sudah jadi peserta"
 * (translated).
 *
 * Returns: (transfer none): a static label; "?" for a value out of the enumeration
 */
const char *serah_registration_status_label (SerahRegistrationStatus status);

/**
 * serah_registration_record:
 * @store: the office database
 * @draft: the registration as typed at the desk
 * @today: (nullable): ISO date the birth date must not be after; %NULL: the clock
 * @operator_name: who records it
 * @problems_out: (out) (optional) (transfer container) (element-type SerahRegistrationProblem):
 *   the check's problems, set whenever the check ran, also when 0 is returned; the caller
 *   g_ptr_array_unref()s it
 * @error: return location for a #GError
 *
 * Records a registration (the use case): runs serah_registration_check (any error refuses
 * it: SERAH_OUTREACH_ERROR_INVALID, the message lists the problems), refuses a NIK that is
 * already a participant or already has an open registration (SERAH_OUTREACH_ERROR_REFUSED),
 * then writes it with its "submitted" event in one transaction under operator_name. Warnings
 * are stored with it. today: ISO date the birth date must not be after (NULL: the clock).
 * *problems_out (may be NULL) gets the check's problems.
 *
 * Returns: the new id, 0 on error with @error set
 */
gint64 serah_registration_record (SerahStore              *store,
                                  const SerahRegistration *draft,
                                  const char              *today,
                                  const char              *operator_name,
                                  GPtrArray              **problems_out,
                                  GError                 **error);

/**
 * serah_registration_set_status:
 * @store: the office database
 * @registration_id: the registration
 * @status: %SERAH_REGISTRATION_VERIFIED or %SERAH_REGISTRATION_REJECTED
 * @reason: (nullable): why it is rejected; required for a rejection
 * @operator_name: who records the answer
 * @error: return location for a #GError
 *
 * Appends a status event: submitted -> verified or rejected; verified -> rejected. A
 * rejection needs a reason. "covered" is only set by an import. Refused transitions give
 * SERAH_OUTREACH_ERROR_REFUSED.
 *
 * Returns: %TRUE when recorded; %FALSE with %SERAH_OUTREACH_ERROR_INVALID (no reason, or a
 *   status other than verified or rejected), _NOT_FOUND or _REFUSED
 */
gboolean serah_registration_set_status (SerahStore              *store,
                                        gint64                   registration_id,
                                        SerahRegistrationStatus  status,
                                        const char              *reason,
                                        const char              *operator_name,
                                        GError                 **error);

/**
 * serah_registration_get:
 * @store: the office database
 * @registration_id: the registration
 * @error: return location for a #GError
 *
 * Reads one registration with its current status.
 *
 * Returns: (transfer full) (nullable): the registration, to free with
 *   serah_registration_free(); %NULL with %SERAH_OUTREACH_ERROR_NOT_FOUND when there is
 *   none, or with the store's error
 */
SerahRegistration *serah_registration_get (SerahStore  *store,
                                           gint64       registration_id,
                                           GError     **error);

/**
 * serah_registration_history:
 * @store: the office database
 * @registration_id: the registration
 * @error: return location for a #GError
 *
 * The registration's status events, oldest first: "submitted" when it was recorded, then the
 * office's answers and the import that closed it.
 *
 * Returns: (transfer container) (element-type SerahRegistrationEvent) (nullable): the events
 *   (none for an unknown id); the array frees its elements, so g_ptr_array_unref() it. %NULL
 *   with @error set when the store cannot be read
 */
GPtrArray *serah_registration_history (SerahStore  *store,
                                       gint64       registration_id,
                                       GError     **error);

typedef struct {
  gboolean                only_status; /* TRUE: only registrations whose status is status */
  SerahRegistrationStatus status;
  const char             *from;        /* recorded on or after (ISO date), NULL: any */
  const char             *to;          /* recorded on or before, NULL: any */
  gint64                  activity_id; /* 0: any */
} SerahRegistrationFilter;

/**
 * serah_registration_list:
 * @store: the office database
 * @filter: (nullable): which ones; %NULL: all
 * @error: return location for a #GError
 *
 * Registrations with their current status, oldest first. filter NULL: all.
 *
 * Returns: (transfer container) (element-type SerahRegistration) (nullable): the
 *   registrations (possibly none); the array frees its elements with
 *   serah_registration_free(), so g_ptr_array_unref() it. %NULL with @error set when the
 *   store cannot be read
 */
GPtrArray *serah_registration_list (SerahStore                    *store,
                                    const SerahRegistrationFilter *filter,
                                    GError                       **error);

typedef enum {
  SERAH_REGISTRATION_FORMAT_CSV,
  SERAH_REGISTRATION_FORMAT_XLSX,
} SerahRegistrationFormat;

/**
 * serah_registration_export:
 * @store: the office database
 * @filter: (nullable): which ones; %NULL: all
 * @format: CSV or XLSX
 * @path: the file to write
 * @operator_name: who exports, for the audit log
 * @n_written: (out) (optional): the number of rows
 * @error: return location for a #GError
 *
 * The submission list the office sends for verification, with full NIK and KK (text cells in
 * XLSX, so a spreadsheet never turns them into 3.6E+15), the check's warnings and the status.
 * Records "export.registrations" in the audit log in the same transaction; *n_written (may be
 * NULL) gets the number of rows.
 *
 * Returns: %TRUE when written and recorded, %FALSE with @error set
 */
gboolean serah_registration_export (SerahStore                    *store,
                                    const SerahRegistrationFilter *filter,
                                    SerahRegistrationFormat        format,
                                    const char                    *path,
                                    const char                    *operator_name,
                                    guint                         *n_written,
                                    GError                       **error);

G_END_DECLS
