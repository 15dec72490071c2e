/* serah-participant.h: the participant record and the rules that make one valid.
 *
 * A participant is a person entitled to a JKN-KIS card. The record is plain data
 * (a boxed type) so the store, the importer, the renderer and the GUI can pass it around
 * without a GObject per row.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SERAH_NIK_LENGTH 16
#define SERAH_CARD_NO_LENGTH 13

typedef enum {
  SERAH_SEX_UNKNOWN = 0,
  SERAH_SEX_MALE = 'L',   /* Laki-laki */
  SERAH_SEX_FEMALE = 'P', /* Perempuan */
} SerahSex;

typedef struct {
  gint64 id;
  char nik[SERAH_NIK_LENGTH + 1];
  char card_no[SERAH_CARD_NO_LENGTH + 1];
  char *name;
  SerahSex sex;
  char birth_date[11]; /* ISO yyyy-mm-dd, or "" when unknown */
  char *address;
  char *desa;
  char *kecamatan;
  char *faskes;     /* faskes tingkat I (PPK) */
  int care_class;   /* kelas rawat 1..3, 0 when unknown */
  gint64 import_id; /* the import that last wrote this row, 0 if none */
  gint64 updated_at; /* unix seconds */
} SerahParticipant;

#define SERAH_TYPE_PARTICIPANT (serah_participant_get_type ())

/**
 * serah_participant_get_type:
 *
 * Returns: the boxed #GType of #SerahParticipant (copied with serah_participant_copy())
 */
GType             serah_participant_get_type (void) G_GNUC_CONST;

/**
 * serah_participant_new:
 *
 * Returns: (transfer full): a new participant with every field empty (id 0, no strings);
 *   free it with serah_participant_free()
 */
SerahParticipant *serah_participant_new      (void);

/**
 * serah_participant_copy:
 * @self: a participant
 *
 * Returns: (transfer full): a deep copy of @self (its strings duplicated)
 */
SerahParticipant *serah_participant_copy     (const SerahParticipant *self);

/**
 * serah_participant_free:
 * @self: (nullable): a participant, or %NULL
 *
 * Frees @self and the strings it owns.
 */
void              serah_participant_free     (SerahParticipant *self);

/**
 * serah_participant_clear:
 * @self: a participant
 *
 * Frees the strings @self owns and sets every field to empty, leaving @self itself allocated
 * (for a record on the stack or reused row after row).
 */
void              serah_participant_clear    (SerahParticipant *self);

/**
 * serah_participant_equal_data:
 * @a: a participant
 * @b: another participant
 *
 * Compares what an import may change (NIK, card number, name, sex, birth date, address,
 * desa, kecamatan, faskes, care class); id, import and time are ignored, and an empty string
 * equals %NULL. An import uses it to tell "updated" from "unchanged".
 *
 * Returns: %TRUE when the data of @a and @b are the same
 */
gboolean          serah_participant_equal_data (const SerahParticipant *a,
                                                const SerahParticipant *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahParticipant, serah_participant_free)

/**
 * serah_nik_is_wellformed:
 * @nik: (nullable): the text to check
 *
 * A NIK is 16 digits: 6 of region, 6 of birth date (ddmmyy, day + 40 for women), 4 of
 * serial.
 *
 * Returns: %TRUE when @nik is exactly 16 ASCII digits
 */
gboolean serah_nik_is_wellformed   (const char *nik);

/**
 * serah_nik_decode:
 * @nik: a NIK
 * @day: (out) (optional): the day of birth, 1..31
 * @month: (out) (optional): the month of birth, 1..12
 * @year2: (out) (optional): the last two digits of the year of birth (the century is not
 *   in the NIK; the caller decides it)
 * @sex: (out) (optional): the sex the NIK encodes (day + 40 for women)
 *
 * Reads the birth date and sex that a NIK embeds. @sex is written as soon as @nik is
 * well-formed, even when the date in it is impossible.
 *
 * Returns: %TRUE when @nik is well-formed and its day and month are in range
 */
gboolean serah_nik_decode          (const char *nik,
                                    int        *day,
                                    int        *month,
                                    int        *year2,
                                    SerahSex   *sex);

/**
 * serah_nik_mask:
 * @nik: (nullable): a NIK
 *
 * Masks a NIK for lists: the first 6 and last 2 digits stay, "360425********12"; a text of 8
 * characters or fewer is masked whole.
 *
 * Returns: (transfer full): the masked text ("" for %NULL); free with g_free()
 */
char    *serah_nik_mask            (const char *nik);

/**
 * serah_card_no_is_wellformed:
 * @card_no: (nullable): the text to check
 *
 * Returns: %TRUE when @card_no is a JKN card number: exactly 13 ASCII digits
 */
gboolean serah_card_no_is_wellformed (const char *card_no);

/**
 * serah_date_parse:
 * @text: (nullable): a date as written in a list
 * @iso_out: (out caller-allocates): 11 bytes that receive the ISO date yyyy-mm-dd
 *
 * Accepts ISO yyyy-mm-dd, dd/mm/yyyy and dd-mm-yyyy, with surrounding spaces and a time of
 * day that spreadsheets append ("1980-02-01 00:00:00").
 *
 * Returns: %TRUE and @iso_out written, or %FALSE for anything else or for an impossible date
 *   (31/02/1980)
 */
gboolean serah_date_parse          (const char *text,
                                    char        iso_out[11]);

/**
 * serah_date_is_valid:
 * @year: the year
 * @month: the month, 1..12
 * @day: the day of the month
 *
 * Returns: %TRUE when the date exists in the Gregorian calendar
 */
gboolean serah_date_is_valid       (int year, int month, int day);

/**
 * serah_sex_to_string:
 * @sex: a sex
 *
 * Returns: (transfer none): "L", "P", or "" for %SERAH_SEX_UNKNOWN (static text)
 */
const char *serah_sex_to_string    (SerahSex sex);

/**
 * serah_sex_parse:
 * @text: (nullable): the text of a list's sex column
 * @sex_out: (out): the sex read
 *
 * Accepts L/P, M/F, 1/2, "Laki-laki", "Perempuan", "Pria", "Wanita" and a few spellings
 * more, in any case and with surrounding spaces.
 *
 * Returns: %TRUE and @sex_out written when @text is understood, %FALSE otherwise
 */
gboolean serah_sex_parse           (const char *text,
                                    SerahSex   *sex_out);

G_END_DECLS
