/* test-participant.c: NIK, card number, date and sex rules. */
#include "config.h"

#include <serah/serah.h>

static void
test_nik_wellformed (void)
{
  g_assert_true (serah_nik_is_wellformed ("3601010101800001"));
  g_assert_false (serah_nik_is_wellformed ("360101010180001"));
  g_assert_false (serah_nik_is_wellformed ("36010101018000012"));
  g_assert_false (serah_nik_is_wellformed ("3.60425E+15"));
  g_assert_false (serah_nik_is_wellformed (""));
  g_assert_false (serah_nik_is_wellformed (NULL));
}

static void
test_nik_decode (void)
{
  int d = 0, m = 0, y = 0;
  SerahSex sex = SERAH_SEX_UNKNOWN;

  g_assert_true (serah_nik_decode ("3601014512850003", &d, &m, &y, &sex));
  g_assert_cmpint (d, ==, 5);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (y, ==, 85);
  g_assert_cmpint (sex, ==, SERAH_SEX_FEMALE);

  g_assert_true (serah_nik_decode ("3601010512850003", &d, &m, &y, &sex));
  g_assert_cmpint (d, ==, 5);
  g_assert_cmpint (sex, ==, SERAH_SEX_MALE);

  /* Month 13 is no date. */
  g_assert_false (serah_nik_decode ("3601010513850003", &d, &m, &y, &sex));
}

static void
test_nik_mask (void)
{
  g_autofree char *masked = serah_nik_mask ("3601014512850003");
  g_assert_cmpstr (masked, ==, "360101********03");
}

static void
test_dates (void)
{
  char iso[11];

  g_assert_true (serah_date_parse ("1985-12-05", iso));
  g_assert_cmpstr (iso, ==, "1985-12-05");
  g_assert_true (serah_date_parse ("05/12/1985", iso));
  g_assert_cmpstr (iso, ==, "1985-12-05");
  g_assert_true (serah_date_parse ("5-12-1985", iso));
  g_assert_cmpstr (iso, ==, "1985-12-05");
  g_assert_true (serah_date_parse (" 29/02/2000 ", iso));
  g_assert_cmpstr (iso, ==, "2000-02-29");
  g_assert_true (serah_date_parse ("1985-12-05 00:00:00", iso));

  g_assert_false (serah_date_parse ("29/02/1900", iso));
  g_assert_false (serah_date_parse ("31/04/1990", iso));
  g_assert_false (serah_date_parse ("00/01/1990", iso));
  g_assert_false (serah_date_parse ("12/31/1990", iso));
  g_assert_false (serah_date_parse ("1990", iso));
  g_assert_false (serah_date_parse ("05/12/85", iso));
  g_assert_false (serah_date_parse ("kemarin", iso));
  g_assert_false (serah_date_parse ("", iso));
}

static void
test_sex (void)
{
  SerahSex s = SERAH_SEX_UNKNOWN;

  g_assert_true (serah_sex_parse ("L", &s));
  g_assert_cmpint (s, ==, SERAH_SEX_MALE);
  g_assert_true (serah_sex_parse (" perempuan ", &s));
  g_assert_cmpint (s, ==, SERAH_SEX_FEMALE);
  g_assert_true (serah_sex_parse ("Laki-Laki", &s));
  g_assert_cmpint (s, ==, SERAH_SEX_MALE);
  g_assert_false (serah_sex_parse ("X", &s));
  g_assert_false (serah_sex_parse ("", &s));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/participant/nik-wellformed", test_nik_wellformed);
  g_test_add_func ("/serah/participant/nik-decode", test_nik_decode);
  g_test_add_func ("/serah/participant/nik-mask", test_nik_mask);
  g_test_add_func ("/serah/participant/dates", test_dates);
  g_test_add_func ("/serah/participant/sex", test_sex);
  return g_test_run ();
}
