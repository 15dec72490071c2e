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
GType             serah_participant_get_type (void) G_GNUC_CONST;
SerahParticipant *serah_participant_new      (void);
SerahParticipant *serah_participant_copy     (const SerahParticipant *self);
void              serah_participant_free     (SerahParticipant *self);
void              serah_participant_clear    (SerahParticipant *self);
gboolean          serah_participant_equal_data (const SerahParticipant *a,
                                                const SerahParticipant *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahParticipant, serah_participant_free)

/* NIK helpers. A NIK is 16 digits: 6 of region, 6 of birth date (ddmmyy, day + 40 for
 * women), 4 of serial. */
gboolean serah_nik_is_wellformed   (const char *nik);
/* Reads the birth date and sex that a NIK embeds. The century is not in the NIK; the
 * caller gives the full year it expects (from the row) or 0 to guess. */
gboolean serah_nik_decode          (const char *nik,
                                    int        *day,
                                    int        *month,
                                    int        *year2,
                                    SerahSex   *sex);
/* Masked for lists: first 6 and last 2 digits, "360425********12". Returns new string. */
char    *serah_nik_mask            (const char *nik);
gboolean serah_card_no_is_wellformed (const char *card_no);

/* Dates: accepts ISO yyyy-mm-dd, dd/mm/yyyy and dd-mm-yyyy; writes ISO into iso_out[11].
 * Returns FALSE for anything else or for an impossible date (31/02/1980). */
gboolean serah_date_parse          (const char *text,
                                    char        iso_out[11]);
gboolean serah_date_is_valid       (int year, int month, int day);

const char *serah_sex_to_string    (SerahSex sex);
/* Accepts L/P, M/F, 1/2, "Laki-laki", "Perempuan", "Pria", "Wanita" (any case). */
gboolean serah_sex_parse           (const char *text,
                                    SerahSex   *sex_out);

G_END_DECLS
