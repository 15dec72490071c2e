/* serah-skm.h: the Survei Kepuasan Masyarakat (community satisfaction survey) of
 * Peraturan MenPAN-RB Nomor 14 Tahun 2017, the national standard the office is assessed by.
 *
 * A respondent answers nine service elements (unsur U1..U9) on a scale of 1 (tidak sesuai)
 * to 4 (sangat sesuai). Per element the average (NRR, nilai rata-rata) is taken; each element
 * weighs 1/9 (the regulation prints the rounded 0,111); the index (IKM) is the sum of the
 * weighted averages, 1..4, and its conversion (IKM × 25) falls in 25..100. The converted value,
 * rounded to two decimals, gives the service quality (mutu pelayanan):
 *
 *   NRR 1,00–2,5996  converted 25,00–64,99   D  Tidak Baik
 *   NRR 2,60–3,064   converted 65,00–76,60   C  Kurang Baik
 *   NRR 3,0644–3,532 converted 76,61–88,30   B  Baik
 *   NRR 3,5324–4,00  converted 88,31–100,00  A  Sangat Baik
 *
 * The exact weight 1/9 is used (not 0,111), so that all answers 4 give exactly 100,00 and all
 * answers 1 exactly 25,00, as the regulation's ranges say.
 *
 * Answers are anonymous: a response carries the respondent profile (sex, age, education,
 * occupation) the regulation reports, never a name or a NIK.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

#define SERAH_SKM_ELEMENTS 9

typedef enum {
  SERAH_SKM_GRADE_D,   /* Tidak Baik */
  SERAH_SKM_GRADE_C,   /* Kurang Baik */
  SERAH_SKM_GRADE_B,   /* Baik */
  SERAH_SKM_GRADE_A,   /* Sangat Baik */
} SerahSkmGrade;

/**
 * serah_skm_grade_letter:
 * @grade: a grade
 *
 * "A".."D"
 *
 * Returns: (transfer none): a static string; "?" for a value out of the enumeration
 */
const char   *serah_skm_grade_letter (SerahSkmGrade grade);
/**
 * serah_skm_grade_label:
 * @grade: a grade
 *
 * The regulation's words, as printed in reports: "Sangat Baik", "Baik", "Kurang Baik",
 * "Tidak Baik" (not translated).
 *
 * Returns: (transfer none): a static string; "?" for a value out of the enumeration
 */
const char   *serah_skm_grade_label  (SerahSkmGrade grade);
/**
 * serah_skm_grade_for_converted:
 * @converted: a converted value, 25..100
 *
 * The grade of a converted value 25..100 (rounded to two decimals first).
 *
 * Returns: the grade of the regulation's table
 */
SerahSkmGrade serah_skm_grade_for_converted (double converted);

/**
 * serah_skm_element_name:
 * @i: the element, 0..8
 *
 * The regulation's name of element i (0..8): "Persyaratan", ...
 *
 * Returns: (transfer none) (nullable): a static string; %NULL when @i is out of range
 */
const char   *serah_skm_element_name (guint i);

typedef struct {
  guint         respondents;
  double        nrr[SERAH_SKM_ELEMENTS];           /* element averages, 1..4 */
  double        weighted_nrr[SERAH_SKM_ELEMENTS];  /* nrr / 9 */
  double        converted_element[SERAH_SKM_ELEMENTS]; /* nrr × 25, two decimals */
  SerahSkmGrade element_grade[SERAH_SKM_ELEMENTS];
  double        index;      /* IKM: sum of weighted_nrr, 1..4 */
  double        converted;  /* index × 25, rounded to two decimals, 25..100 */
  SerahSkmGrade grade;
} SerahSkmResult;

/**
 * serah_skm_compute:
 * @answers: (array length=n): the answer sheets
 * @n: the number of sheets
 * @result: (out caller-allocates): the result
 * @error: return location for a #GError
 *
 * Computes the result of n answer sheets (answers[k][i]: respondent k, element i, 1..4).
 * Refuses n == 0 and answers out of 1..4 (SERAH_OUTREACH_ERROR_INVALID).
 *
 * Returns: %TRUE with @result filled in, %FALSE with @error set
 */
gboolean serah_skm_compute (const guint8 (*answers)[SERAH_SKM_ELEMENTS],
                            guint         n,
                            SerahSkmResult *result,
                            GError      **error);

/**
 * serah_skm_sample_size:
 * @population: the number of people served in the period
 *
 * Krejcie and Morgan's table as the regulation reproduces it (95 % confidence, 5 % error):
 * the smallest sample for a population served of that size (rounded up to the next row of
 * the table; 384 beyond 75 000). 0 for population <= 0; below 10, the population itself.
 *
 * Returns: the sample size needed
 */
guint    serah_skm_sample_size (gint64 population);

/* ---- respondent profile ---- */

typedef enum {
  SERAH_SKM_AGE_UNDER_20, SERAH_SKM_AGE_20_29, SERAH_SKM_AGE_30_39, SERAH_SKM_AGE_40_49,
  SERAH_SKM_AGE_50_59, SERAH_SKM_AGE_60_PLUS, SERAH_SKM_AGE_UNKNOWN,
  SERAH_SKM_N_AGE_GROUPS
} SerahSkmAgeGroup;
/**
 * serah_skm_age_group:
 * @age: an age in years; 0 or less: not given
 *
 * The age group of the respondent profile.
 *
 * Returns: the group; %SERAH_SKM_AGE_UNKNOWN when @age is not given
 */
SerahSkmAgeGroup serah_skm_age_group       (int age);
/**
 * serah_skm_age_group_label:
 * @group: an age group
 *
 * The group as shown in reports: "< 20", "20-29", ..., ">= 60".
 *
 * Returns: (transfer none): a static string; "not given" (translated) for
 *   %SERAH_SKM_AGE_UNKNOWN and anything beyond
 */
const char      *serah_skm_age_group_label (SerahSkmAgeGroup group);

/* The education and occupation answers of the regulation's sample questionnaire, as stored
 * (stable keys) and shown. Lists end with NULL. */
extern const char *const serah_skm_education_keys[];   /* "sd", "smp", "sma", "diploma", "s1", "s2", ... */
extern const char *const serah_skm_occupation_keys[];  /* "pns", "tni", "polri", "swasta", ... */
/**
 * serah_skm_education_label:
 * @key: (nullable): a key of serah_skm_education_keys (any case)
 *
 * The education answer as shown: "SD", "SMA", "S2 ke atas", ...
 *
 * Returns: (transfer none): a static string; "not given" (translated) for %NULL or an
 *   unknown key
 */
const char *serah_skm_education_label  (const char *key);
/**
 * serah_skm_occupation_label:
 * @key: (nullable): a key of serah_skm_occupation_keys (any case)
 *
 * The occupation answer as shown: "PNS", "Swasta", "Pelajar/Mahasiswa", ...
 *
 * Returns: (transfer none): a static string; "not given" (translated) for %NULL or an
 *   unknown key
 */
const char *serah_skm_occupation_label (const char *key);

typedef struct {
  guint sex[3];                          /* L, P, not given */
  guint age[SERAH_SKM_N_AGE_GROUPS];
  guint *education;                      /* per serah_skm_education_keys, then "not given" */
  guint *occupation;                     /* per serah_skm_occupation_keys, then "not given" */
} SerahSkmProfile;

/* ---- recording and reporting (use cases) ---- */

/**
 * serah_skm_record:
 * @store: the office database
 * @response: the answer sheet; not modified, its id and uuid are ignored
 * @operator_name: who records it
 * @error: return location for a #GError
 *
 * Records one anonymous response. Checks the answers (1..4), the date, the unit and the
 * profile keys; @operator_name is recorded with it.
 *
 * Returns: the new id, 0 on error with @error set
 */
gint64   serah_skm_record (SerahStore             *store,
                           const SerahSkmResponse *response,
                           const char             *operator_name,
                           GError                **error);

typedef struct {
  const char *unit;   /* NULL: every unit */
  const char *from;   /* ISO date, inclusive; NULL: from the start */
  const char *to;     /* ISO date, inclusive; NULL: to the end */
} SerahSkmFilter;

typedef struct {
  char           *unit;        /* the filter's, or NULL */
  char           *from;
  char           *to;
  SerahSkmResult  result;      /* respondents == 0: no answer in the period */
  SerahSkmProfile profile;
  gint64          population;  /* served in the period, as given; 0 when unknown */
  guint           sample_needed; /* serah_skm_sample_size (population), 0 when unknown */
} SerahSkmReport;

/**
 * serah_skm_report_free:
 * @self: (nullable): a report, or %NULL
 *
 * Frees @self, its strings and its profile counts.
 */
void serah_skm_report_free (SerahSkmReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSkmReport, serah_skm_report_free)

/**
 * serah_skm_report:
 * @store: the office database
 * @filter: (nullable): unit and period; %NULL: every unit, all time
 * @population: how many people the unit served in the period, 0 when unknown
 * @error: return location for a #GError
 *
 * The survey of a period and unit. population: how many people the unit served in the
 * period (0 when unknown), for the sample-size check. No answer in the period is not an
 * error: respondents is 0.
 *
 * Returns: (transfer full) (nullable): the report, to free with serah_skm_report_free();
 *   %NULL with @error set when the answers cannot be read
 */
SerahSkmReport *serah_skm_report (SerahStore           *store,
                                  const SerahSkmFilter *filter,
                                  gint64                population,
                                  GError              **error);

/**
 * serah_skm_write_csv:
 * @store: the office database
 * @filter: (nullable): unit and period; %NULL: every unit, all time
 * @population: how many people the unit served in the period, 0 when unknown
 * @path: the file to write
 * @operator_name: who exports, for the audit log
 * @error: return location for a #GError
 *
 * Writes the report as CSV (elements with NRR, weighted NRR, converted value and grade; the
 * IKM; the sample against the guidance; the profile) and records "export.skm" in the audit
 * log under operator_name. Aggregates only: no response leaves the machine one by one.
 *
 * Returns: %TRUE when written and recorded, %FALSE with @error set
 */
gboolean serah_skm_write_csv (SerahStore           *store,
                              const SerahSkmFilter *filter,
                              gint64                population,
                              const char           *path,
                              const char           *operator_name,
                              GError              **error);

G_END_DECLS
