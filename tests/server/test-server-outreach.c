/* test-server-outreach.c: outreach records and testimonial media through the office server,
 * against a throwaway PostgreSQL cluster this test starts (tests/server/serah-test-pg.c).
 *
 * What it checks: desk A records an activity with attendance, feedback, understanding sheets
 * and an SKM answer, desk B a registration and another SKM answer; after both sync, the
 * Laporan indicators read the same office figures at both desks (the sums); a status change
 * at one desk (verified) reaches the other as an event; a resend adds no row; the desk's login
 * may not UPDATE or DELETE the records and the owner is stopped by the trigger; an attendance
 * naming a participant the pulling desk does not know yet stays pending and arrives once the
 * desk knows the person.
 * A testimonial's photo and recording reach the other desk byte for byte; forged, foreign and
 * oversized files on the server are refused and never written; a withdrawal removes the
 * pulled copies. The office's audit log is read from the server with each entry's desk.
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "serah-test-fixture.h"
#include "serah-test-pg.h"
#include "register/serah-store-participants-private.h"

#define CHECK(call) \
  G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

#define ADMIN_PASSWORD SERAH_TEST_PG_ADMIN_PASSWORD

static int test_counter;

typedef struct {
  char       *dir;
  char       *office_path;
  char       *db;
  char       *admin_url;
  gint64      ceremony;
  GPtrArray  *desks;       /* SerahStore */
  GPtrArray  *desk_names;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  g_autofree char *create = NULL;
  SerahStore *office;

  f->dir = serah_test_tmpdir ();
  f->db = g_strdup_printf ("outreach_%d", ++test_counter);
  create = g_strdup_printf ("CREATE DATABASE %s", f->db);
  admin_exec ("postgres", create);
  f->admin_url = url_for (f->db, "serah_admin");

  office = serah_test_open_store (f->dir, &f->office_path);
  payloads = ceremony_test_populate (office, 20, 1000, NULL, &error);
  g_assert_no_error (error);
  f->ceremony = serah_ceremony_create (office, "Penyerahan KIS", "2026-12-06", "Pendopo", NULL,
                                       &error);
  g_assert_no_error (error);
  CHECK (serah_server_init (office, f->admin_url, ADMIN_PASSWORD, &error));
  g_assert_finalize_object (office);
  f->desks = g_ptr_array_new_with_free_func (g_object_unref);
  f->desk_names = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->desks, g_ptr_array_unref);
  g_clear_pointer (&f->desk_names, g_ptr_array_unref);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->office_path);
  g_free (f->db);
  g_free (f->admin_url);
}

static char *
desk_password (const char *desk)
{
  return g_strdup_printf ("pw-of-%s-0123456789", desk);
}

/* A copy of the office database, linked as a new desk login. */
static SerahStore *
add_linked_desk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint i = f->desks->len + 1;
  char *name = g_strdup_printf ("o%d-meja-%u", test_counter, i);
  g_autofree char *file = g_strdup_printf ("meja-%u.db", i);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autofree char *password = desk_password (name);
  g_autofree char *url = url_for (f->db, name);
  g_autoptr(GFile) src = g_file_new_for_path (f->office_path);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  SerahStore *store;

  g_assert_true (g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  CHECK (serah_server_add_desk (f->admin_url, ADMIN_PASSWORD, name, password, &error));
  CHECK (serah_server_link (store, url, password, NULL, &error));
  g_ptr_array_add (f->desks, store);
  g_ptr_array_add (f->desk_names, name);
  return store;
}

static void
sync_ok (SerahStore *store)
{
  g_autoptr(GError) error = NULL;

  CHECK (serah_server_sync (store, NULL, &error));
}

static SerahOutreachIndicators *
indicators (SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  SerahOutreachIndicators *ind = serah_outreach_indicators_read (store, NULL, NULL,
                                                                 (gint64) 1796601600, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ind);
  return ind;
}

static guint
attendance_of (const SerahOutreachIndicators *ind)
{
  guint sum = 0;

  for (guint i = 0; i < ind->months->len; i++)
    sum += g_array_index (ind->months, SerahOutreachMonth, i).attendance;
  return sum;
}

static char *
nik_of (SerahStore *store, gint64 participant_id)
{
  g_autoptr(GError) error = NULL;
  SerahParticipant *p = serah_participants_get (store, participant_id, &error);
  char *nik;

  g_assert_no_error (error);
  g_assert_nonnull (p);
  nik = g_strdup (p->nik);
  serah_participant_free (p);
  return nik;
}

/* The registration at this desk with this NIK (there is one). */
static SerahRegistration *
registration_by_nik (SerahStore *store, const char *nik)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = serah_registration_list (store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      SerahRegistration *r = all->pdata[i];
      if (strcmp (r->nik, nik) == 0)
        return g_ptr_array_steal_index (all, i);
    }
  g_assert_not_reached ();
}

/* Desk A: an activity with 40 people counted, one of them listed by NIK, a complaint raised
 * there, understanding sheets before and after and one SKM answer. Desk B: a registration and
 * another SKM answer. After A, B, A sync, both desks' indicators are the office's sums. */
static void
test_indicators_are_the_office_s (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autoptr(SerahActivity) act = serah_activity_new ();
  g_autoptr(SerahRegistration) reg = serah_registration_new ();
  g_autoptr(SerahSurvey) survey = serah_survey_load ("pemahaman-jkn", NULL);
  static const guint8 before[5] = { 1, 1, 1, 1, 1 }, after[5] = { 2, 1, 3, 1, 2 };
  SerahSurveySheet sheet = { SERAH_SURVEY_PHASE_BEFORE, "2026-11-05", 0, NULL, NULL, 0, before, 5 };
  SerahSkmResponse skm = { 0 };
  SerahFeedbackDraft complaint = { "forum", "informasi", "Teluk", "Apa itu PBI?", NULL, 0, 0 };
  g_autofree char *nik3 = nik_of (a, 3);
  g_autoptr(SerahOutreachIndicators) at_a = NULL;
  g_autoptr(SerahOutreachIndicators) at_b = NULL;
  g_autoptr(SerahRegistration) reg_at_a = NULL;
  gint64 activity, reg_id, rows;
  gboolean newly = FALSE;

  act->kind = g_strdup ("kampanye");
  g_strlcpy (act->held_on, "2026-11-05", sizeof act->held_on);
  act->place = g_strdup ("Pasar");
  act->desa = g_strdup ("Teluk");
  act->attendance = 40;
  CHECK (serah_activity_add_partner_text (act, "puskesmas:Puskesmas Teluk", &error));
  CHECK (serah_activity_add_material_text (act, "brosur=30", &error));
  activity = serah_activity_record (a, act, "siti", &error);
  g_assert_no_error (error);
  CHECK (serah_activity_add_attendee (a, activity, nik3, "siti", &newly, NULL, &error));
  complaint.activity_id = activity;
  g_assert_cmpint (serah_feedback_record (a, &complaint, "siti", &error), >, 0);
  g_assert_no_error (error);
  sheet.activity_id = activity;
  g_assert_cmpint (serah_survey_record (a, survey, &sheet, "siti", NULL, &error), >, 0);
  sheet.phase = SERAH_SURVEY_PHASE_AFTER;
  sheet.answers = after;
  g_assert_cmpint (serah_survey_record (a, survey, &sheet, "siti", NULL, &error), >, 0);
  skm.unit = "Dinkes";
  g_strlcpy (skm.surveyed_on, "2026-11-05", sizeof skm.surveyed_on);
  memset (skm.answers, 4, sizeof skm.answers);
  g_assert_cmpint (serah_skm_record (a, &skm, "siti", &error), >, 0);
  g_assert_no_error (error);

  g_strlcpy (reg->nik, "3604255203850009", sizeof reg->nik);
  g_strlcpy (reg->kk, "3604250101100002", sizeof reg->kk);
  reg->name = g_strdup ("Nur Aini");
  reg->sex = SERAH_SEX_FEMALE;
  g_strlcpy (reg->birth_date, "1985-03-12", sizeof reg->birth_date);
  reg->desa = g_strdup ("Teluk");
  reg_id = serah_registration_record (b, reg, "2026-12-06", "budi", NULL, &error);
  g_assert_cmpint (reg_id, >, 0);
  memset (skm.answers, 2, sizeof skm.answers);
  g_assert_cmpint (serah_skm_record (b, &skm, "budi", &error), >, 0);
  g_assert_no_error (error);

  /* Apart, each desk has only its own figures. */
  at_b = indicators (b);
  g_assert_cmpuint (at_b->activities, ==, 0);
  g_assert_cmpuint (at_b->skm.respondents, ==, 1);
  g_clear_pointer (&at_b, serah_outreach_indicators_free);

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  at_a = indicators (a);
  at_b = indicators (b);
  for (guint i = 0; i < 2; i++)
    {
      SerahOutreachIndicators *ind = i == 0 ? at_a : at_b;

      g_assert_cmpuint (ind->registrations, ==, 1);
      g_assert_cmpuint (ind->activities, ==, 1);
      g_assert_cmpuint (attendance_of (ind), ==, 40);
      g_assert_cmpuint (ind->sheets[0], ==, 1);
      g_assert_cmpuint (ind->sheets[1], ==, 1);
      g_assert_cmpfloat_with_epsilon (ind->understanding[0], at_a->understanding[0], 1e-9);
      g_assert_cmpfloat_with_epsilon (ind->understanding[1], at_a->understanding[1], 1e-9);
      g_assert_cmpuint (ind->skm.respondents, ==, 2);
      g_assert_cmpuint (ind->complaints_received, ==, 1);
      g_assert_cmpuint (ind->open_now, ==, 1);
    }
  g_assert_cmpfloat_with_epsilon (at_a->skm.index, at_b->skm.index, 1e-9);
  {
    /* The activity came with its partner, material and listed attendee. */
    g_autoptr(GPtrArray) acts = serah_activity_list (b, NULL, NULL, NULL, &error);
    SerahActivity *got;

    g_assert_no_error (error);
    g_assert_cmpuint (acts->len, ==, 1);
    got = acts->pdata[0];
    g_assert_cmpstr (got->place, ==, "Pasar");
    g_assert_cmpuint (got->partners->len, ==, 1);
    g_assert_cmpuint (got->materials->len, ==, 1);
    g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.outreach_records"
                                         " WHERE kind = 'attendee'"), ==, 1);
  }

  /* A status change travels as an event: verified at B, the current status at A. */
  CHECK (serah_registration_set_status (b, reg_id, SERAH_REGISTRATION_VERIFIED, NULL, "budi",
                                        &error));
  sync_ok (b);
  sync_ok (a);
  reg_at_a = registration_by_nik (a, "3604255203850009");
  g_assert_cmpint (reg_at_a->status, ==, SERAH_REGISTRATION_VERIFIED);
  g_assert_cmpstr (reg_at_a->status_by, ==, "budi");
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.outreach_records"
                                       " WHERE kind = 'registration_event'"), ==, 2);

  /* Resending (pulled rows go back once as no-ops) adds nothing anywhere. */
  rows = admin_count (f->db, "SELECT count (*) FROM serah.outreach_records");
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.outreach_records"), ==, rows);
  g_clear_pointer (&at_a, serah_outreach_indicators_free);
  at_a = indicators (a);
  g_assert_cmpuint (at_a->skm.respondents, ==, 2);
  g_assert_cmpuint (at_a->activities, ==, 1);

  /* Append-only: the desk's login may not change the rows, nor may the owner. */
  {
    const char *name_b = f->desk_names->pdata[1];
    g_autofree char *password = desk_password (name_b);
    g_autofree char *url = url_for (f->db, name_b);
    const char *keys[] = { "dbname", "password", NULL };
    const char *values[] = { url, password, NULL };
    const char *refused[] = { "UPDATE serah.outreach_records SET body = '{}'",
                              "DELETE FROM serah.outreach_records",
                              "TRUNCATE serah.outreach_records" };
    PGconn *conn = PQconnectdbParams (keys, values, 1);
    PGconn *owner = admin_connect (f->db);

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        PGresult *res = PQexec (conn, refused[i]);
        g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
        g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
        PQclear (res);
        res = PQexec (owner, refused[i]);
        g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
        g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
        PQclear (res);
      }
    PQfinish (conn);
    PQfinish (owner);
  }
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.outreach_records"), ==, rows);
}

/* Files in DIR (a desk's pulled media folder), 0 when it does not exist. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static guint
audit_count (SerahStore *store, const char *action)
{
  g_autoptr(GError) error = NULL;
  SerahAuditFilter filter = { 0, action, 0 };
  g_autoptr(GPtrArray) events = serah_audit_list (store, &filter, &error);

  g_assert_no_error (error);
  return events->len;
}

static gint64
add_testimonial (SerahStore *store, gint64 ceremony, gint64 participant, const char *photo,
                 const char *audio)
{
  g_autoptr(GError) error = NULL;
  SerahTestimonialDraft draft = {
    .ceremony_id = ceremony, .participant_id = participant, .text = "Kartunya sudah sampai.",
    .rating = 5, .photo_path = photo, .audio_path = audio, .consent = SERAH_CONSENT_NAMED,
    .operator_name = "siti",
  };
  gint64 id = serah_testimonial_add (store, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A testimonial's photo and recording recorded at desk A reach desk B, byte for byte, and B's
 * quote cards find the photo; a file on the server whose content does not match its hash, one
 * that is not a JPEG, and one announced above the cap are refused with an audit entry and never
 * written; a consent withdrawn at A removes B's copies at B's next sync, and a desk that links
 * afterwards never pulls them. */
static void
test_testimonial_media (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  SerahStore *c;
  g_autofree char *png = g_build_filename (f->dir, "wajah.png", NULL);
  g_autofree char *ogg = g_build_filename (f->dir, "suara.ogg", NULL);
  g_autofree char *b_media = g_strconcat (serah_store_get_path (b), "-media", NULL);
  g_autofree char *b_pulled = g_build_filename (b_media, "pulled", NULL);
  g_autoptr(GdkPixbuf) pix = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autoptr(GPtrArray) at_b = NULL;
  g_autofree char *photo_at_a = NULL;
  g_autofree char *photo_at_b = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *bytes_b = NULL;
  gsize len_a = 0, len_b = 0;
  SerahTestimonialPublic *pub = NULL;
  gint64 first, second;
  g_autofree char *forged = NULL;

  gdk_pixbuf_fill (pix, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pix, png, "png", &error, NULL));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (ogg, "OggS\0\2 rekaman uji", 19, &error));
  first = add_testimonial (a, f->ceremony, 3, png, ogg);

  sync_ok (a);
  sync_ok (b);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonial_media"), ==, 2);
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 1);
  pub = at_b->pdata[0];
  g_assert_nonnull (pub->photo_path);
  photo_at_b = g_strdup (pub->photo_path);
  g_assert_true (g_str_has_prefix (photo_at_b, b_pulled));
  {
    g_autoptr(GPtrArray) at_a = serah_testimonial_list_public (a, f->ceremony, &error);
    g_assert_no_error (error);
    photo_at_a = g_strdup (((SerahTestimonialPublic *) at_a->pdata[0])->photo_path);
  }
  g_assert_true (g_file_get_contents (photo_at_a, &bytes_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (photo_at_b, &bytes_b, &len_b, NULL));
  g_assert_cmpmem (bytes_a, len_a, bytes_b, len_b);
  g_assert_cmpuint (count_files (b_pulled), ==, 2);   /* the photo and the recording */
  /* A resend adds nothing, and B does not send A's files back. */
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonial_media"), ==, 2);
  g_assert_cmpuint (count_files (b_pulled), ==, 2);

  /* Forged rows for a second testimonial (recorded at A without files), written by the owner:
   * wrong hash, right hash but not a JPEG, and one announced above the cap. */
  second = add_testimonial (a, f->ceremony, 4, NULL, NULL);
  g_assert_cmpint (second, >, first);
  sync_ok (a);
  forged = g_strdup_printf (
    "INSERT INTO serah.testimonial_media (testimonial_uuid, kind, sha256, extension, size, data)"
    " SELECT uuid, 'photo', repeat ('ab', 32), 'jpg', 4, '\\xffd8ffe0'::bytea"
    "   FROM serah.testimonials WHERE seq = (SELECT max (seq) FROM serah.testimonials);"
    "INSERT INTO serah.testimonial_media (testimonial_uuid, kind, sha256, extension, size, data)"
    " SELECT uuid, 'audio', encode (sha256 ('not ogg'::bytea), 'hex'), 'ogg', 7, 'not ogg'::bytea"
    "   FROM serah.testimonials WHERE seq = (SELECT max (seq) FROM serah.testimonials);"
    "ALTER TABLE serah.testimonial_media DROP CONSTRAINT testimonial_media_size_check;"
    "INSERT INTO serah.testimonial_media (testimonial_uuid, kind, sha256, extension, size, data)"
    " SELECT uuid, 'photo', repeat ('cd', 32), 'jpg', 17000000,"
    "   convert_to (repeat ('x', 17000000), 'UTF8')"
    "   FROM serah.testimonials WHERE seq = (SELECT max (seq) FROM serah.testimonials);");
  admin_exec (f->db, forged);
  sync_ok (b);
  g_assert_cmpuint (audit_count (b, "server.media-refused"), ==, 3);
  g_assert_cmpuint (count_files (b_pulled), ==, 2);   /* nothing written */
  g_clear_pointer (&at_b, g_ptr_array_unref);
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 2);
  {
    guint with_photo = 0;

    for (guint i = 0; i < at_b->len; i++)
      with_photo += ((SerahTestimonialPublic *) at_b->pdata[i])->photo_path != NULL;
    g_assert_cmpuint (with_photo, ==, 1);   /* the first one's, pulled before */
  }
  /* Refused once, not at every sync. */
  sync_ok (b);
  g_assert_cmpuint (audit_count (b, "server.media-refused"), ==, 3);

  /* Withdrawn at A: B's copies go at B's next sync; a desk linked later never pulls them. */
  CHECK (serah_testimonial_set_consent (a, first, SERAH_CONSENT_WITHDRAWN,
                                        "Peserta meminta dihapus", "siti", &error));
  sync_ok (a);
  sync_ok (b);
  g_assert_false (g_file_test (photo_at_b, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (b_pulled), ==, 0);
  g_assert_cmpuint (audit_count (b, "server.media-removed"), ==, 2);
  c = add_linked_desk (f);
  sync_ok (c);
  {
    g_autofree char *c_media = g_strconcat (serah_store_get_path (c), "-media", NULL);
    g_autofree char *c_pulled = g_build_filename (c_media, "pulled", NULL);
    g_assert_cmpuint (count_files (c_pulled), ==, 0);
  }
  /* A's own files stay where they are. */
  g_assert_true (g_file_test (photo_at_a, G_FILE_TEST_EXISTS));
}

/* The office's audit log for the review: desk A's entries, read at desk B, each marked with
 * A's login, operator and time as recorded; B's entries not sent yet come from B's own log
 * (desk NULL); newest first. An unlinked desk is told it is not linked. */
static void
test_office_log (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  const char *name_a = f->desk_names->pdata[0];
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(SerahStore) alone = NULL;
  g_autofree char *alone_path = g_build_filename (f->dir, "sendiri.db", NULL);
  guint from_a = 0, unsent_b = 0;

  CHECK (serah_audit_record (a, "Siti", "test.office-log", "kartu 0001", NULL, &error));
  sync_ok (a);
  sync_ok (b);
  CHECK (serah_audit_record (b, "Budi", "test.office-log", "kartu 0002", NULL, &error));
  log = serah_server_read_office_log (b, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  for (guint i = 0; i < log->len; i++)
    {
      SerahAuditEvent *e = log->pdata[i];

      if (i > 0)
        g_assert_cmpint (((SerahAuditEvent *) log->pdata[i - 1])->at, >=, e->at);
      if (g_strcmp0 (e->action, "test.office-log") != 0)
        continue;
      if (g_strcmp0 (e->subject, "kartu 0001") == 0)
        {
          g_assert_cmpstr (e->desk, ==, name_a);
          g_assert_cmpstr (e->operator_name, ==, "Siti");
          from_a++;
        }
      else
        {
          g_assert_cmpstr (e->subject, ==, "kartu 0002");
          g_assert_null (e->desk);
          unsent_b++;
        }
    }
  g_assert_cmpuint (from_a, ==, 1);
  g_assert_cmpuint (unsent_b, ==, 1);
  /* After B syncs, its entry comes from the server, marked with B's login. */
  sync_ok (b);
  g_clear_pointer (&log, g_ptr_array_unref);
  log = serah_server_read_office_log (b, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    {
      SerahAuditEvent *e = log->pdata[i];
      if (g_strcmp0 (e->subject, "kartu 0002") == 0)
        g_assert_cmpstr (e->desk, ==, f->desk_names->pdata[1]);
    }

  alone = serah_store_open (alone_path, &error);
  g_assert_no_error (error);
  g_assert_null (serah_server_read_office_log (alone, 0, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_NOT_LINKED);
}

/* An attendance naming a participant desk B does not know yet (added at A outside an import,
 * so not in the register the server has) is pending at B: not lost, not forced in; the rows
 * after it still arrive; once B knows the person, the next sync brings the attendance. */
static void
test_pending_until_known (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autoptr(SerahActivity) act = serah_activity_new ();
  g_autoptr(SerahParticipant) newcomer = serah_test_participant ("3604255203850017",
                                                                 "0009999999901", "Rina",
                                                                 "Teluk");
  g_autoptr(SerahParticipant) same = serah_test_participant ("3604255203850017",
                                                             "0009999999901", "Rina", "Teluk");
  SerahSkmResponse skm = { 0 };
  g_autoptr(GPtrArray) acts = NULL;
  gint64 activity;

  g_assert_true (serah_store_upsert_participant (a, newcomer, 0, NULL, &error));
  g_assert_no_error (error);
  act->kind = g_strdup ("kampanye");
  g_strlcpy (act->held_on, "2026-11-06", sizeof act->held_on);
  act->place = g_strdup ("Balai desa");
  activity = serah_activity_record (a, act, "siti", &error);
  g_assert_no_error (error);
  CHECK (serah_activity_add_attendee (a, activity, "3604255203850017", "siti", NULL, NULL, &error));
  skm.unit = "Dinkes";
  g_strlcpy (skm.surveyed_on, "2026-11-06", sizeof skm.surveyed_on);
  memset (skm.answers, 3, sizeof skm.answers);
  g_assert_cmpint (serah_skm_record (a, &skm, "siti", &error), >, 0);   /* pushed after it */
  g_assert_no_error (error);
  sync_ok (a);

  sync_ok (b);
  acts = serah_activity_list (b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (acts->len, ==, 1);
  g_assert_cmpint (((SerahActivity *) acts->pdata[0])->listed, ==, 0);   /* pending */
  {
    g_autoptr(SerahOutreachIndicators) ind = indicators (b);
    g_assert_cmpuint (ind->skm.respondents, ==, 1);   /* the row after it arrived */
  }
  sync_ok (b);   /* still pending, nothing duplicated */
  g_clear_pointer (&acts, g_ptr_array_unref);
  acts = serah_activity_list (b, NULL, NULL, NULL, &error);
  g_assert_cmpint (((SerahActivity *) acts->pdata[0])->listed, ==, 0);

  /* B learns of the person (an import would do this): the attendance arrives. */
  g_assert_true (serah_store_upsert_participant (b, same, 0, NULL, &error));
  g_assert_no_error (error);
  sync_ok (b);
  g_clear_pointer (&acts, g_ptr_array_unref);
  acts = serah_activity_list (b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (acts->len, ==, 1);
  g_assert_cmpint (((SerahActivity *) acts->pdata[0])->listed, ==, 1);
  {
    g_autoptr(SerahOutreachIndicators) ind = indicators (b);
    g_assert_cmpuint (ind->skm.respondents, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster_create ();

  g_test_add ("/serah/server/outreach/indicators-are-the-office-s", Fixture, NULL,
              fixture_setup, test_indicators_are_the_office_s, fixture_teardown);
  g_test_add ("/serah/server/outreach/testimonial-media", Fixture, NULL, fixture_setup,
              test_testimonial_media, fixture_teardown);
  g_test_add ("/serah/server/outreach/pending-until-known", Fixture, NULL, fixture_setup,
              test_pending_until_known, fixture_teardown);
  g_test_add ("/serah/server/outreach/office-log", Fixture, NULL, fixture_setup, test_office_log,
              fixture_teardown);

  status = g_test_run ();
  pg_stop ();
  serah_test_rm_rf (pg_dir);
  return status;
}
