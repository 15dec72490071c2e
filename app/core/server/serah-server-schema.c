/* serah-server-schema.c: the office server's schema, created and migrated by Serah as the
 * SQLite one is (numbered steps, serah.schema_version instead of PRAGMA user_version).
 *
 * Why the rules live in the server and not only in Serah: a desk's login could be used by
 * any PostgreSQL client, so "events are appended, never changed" is enforced by privileges
 * (desks get INSERT and SELECT on the event tables, nothing else) and by triggers (not even
 * the owner can UPDATE, DELETE or TRUNCATE them without dropping the trigger first), and
 * "one card, one live handover" by a unique constraint the claim function relies on.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"

/* Step 1: the event tables of ceremonies, the claim function, roles and notifications. */
static const char schema_v1[] =
  "CREATE SCHEMA IF NOT EXISTS serah;"
  "CREATE TABLE serah.schema_version ("
  "  version    integer PRIMARY KEY,"
  "  applied_at timestamptz NOT NULL DEFAULT now()"
  ");"
  /* The office database (SQLite database id) the desks were copied from. */
  "CREATE TABLE serah.office ("
  "  database_id text PRIMARY KEY,"
  "  created_at  timestamptz NOT NULL DEFAULT now()"
  ");"
  /* seq: the server's order of arrival, the desks' pull cursor. txid: the transaction that
   * inserted the row; a pull also re-reads rows of transactions that were still running at
   * the previous pull (their seq may be below the cursor). claim_no: set by a live claim
   * (the number of this card's handovers undone so far), so that the unique constraint
   * admits one live claim per ceremony and card; NULL for events pushed after the fact. */
  "CREATE TABLE serah.handovers ("
  "  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  uuid            text PRIMARY KEY CHECK (length (uuid) = 36),"
  "  ceremony_uuid   text NOT NULL,"
  "  card_no         text NOT NULL,"
  "  nik             text NOT NULL,"
  "  card_serial     bigint,"
  "  handed_at       bigint NOT NULL,"
  "  operator        text NOT NULL,"
  "  station         text NOT NULL,"
  "  recipient       text NOT NULL CHECK (recipient IN ('self', 'representative')),"
  "  proxy_name      text,"
  "  proxy_relation  text,"
  "  proxy_id_number text,"
  "  uninvited       boolean NOT NULL,"
  "  identified_by   text NOT NULL,"
  "  claim_no        integer,"
  "  desk            name NOT NULL DEFAULT current_user,"
  "  received_at     timestamptz NOT NULL DEFAULT now(),"
  "  txid            xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  CONSTRAINT one_live_claim UNIQUE (ceremony_uuid, card_no, claim_no),"
  "  CHECK (recipient = 'self' OR (proxy_name IS NOT NULL AND proxy_relation IS NOT NULL))"
  ");"
  "CREATE INDEX handovers_by_txid ON serah.handovers (txid);"
  "CREATE TABLE serah.undos ("
  "  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  uuid          text PRIMARY KEY CHECK (length (uuid) = 36),"
  "  handover_uuid text NOT NULL REFERENCES serah.handovers (uuid),"
  "  undone_at     bigint NOT NULL,"
  "  operator      text NOT NULL,"
  "  station       text NOT NULL,"
  "  reason        text NOT NULL CHECK (length (reason) > 0),"
  "  desk          name NOT NULL DEFAULT current_user,"
  "  received_at   timestamptz NOT NULL DEFAULT now(),"
  "  txid          xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX undos_by_handover ON serah.undos (handover_uuid);"
  "CREATE INDEX undos_by_txid ON serah.undos (txid);"

  /* Append-only, whoever asks. */
  "CREATE FUNCTION serah.refuse_change () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  RAISE EXCEPTION 'serah: % on %.% refused: events are append-only',"
  "    TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';"
  "END $$;"
  "CREATE TRIGGER handovers_append_only BEFORE UPDATE OR DELETE ON serah.handovers"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER handovers_no_truncate BEFORE TRUNCATE ON serah.handovers"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER undos_append_only BEFORE UPDATE OR DELETE ON serah.undos"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER undos_no_truncate BEFORE TRUNCATE ON serah.undos"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"

  /* Other desks hear of every new event at once (LISTEN serah_events). */
  "CREATE FUNCTION serah.notify_event () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  PERFORM pg_notify ('serah_events', TG_TABLE_NAME);"
  "  RETURN NULL;"
  "END $$;"
  "CREATE TRIGGER handovers_notify AFTER INSERT ON serah.handovers"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"
  "CREATE TRIGGER undos_notify AFTER INSERT ON serah.undos"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"

  /* The live claim, one round trip. The advisory lock queues desks claiming the same card,
   * so the "is it live already?" read after it sees the winner; the unique constraint is the
   * guarantee should anything bypass the lock. A retry of a claim that reached the server
   * (same uuid) is answered as claimed. */
  "CREATE FUNCTION serah.claim_handover ("
  "    p_uuid text, p_ceremony text, p_card text, p_nik text, p_serial bigint,"
  "    p_handed_at bigint, p_operator text, p_station text, p_recipient text,"
  "    p_proxy_name text, p_proxy_relation text, p_proxy_id text, p_uninvited boolean,"
  "    p_identified_by text)"
  "  RETURNS TABLE (claimed boolean, uuid text, handed_at bigint, operator text,"
  "                 station text, recipient text, proxy_name text, proxy_relation text,"
  "                 desk name)"
  "  LANGUAGE plpgsql AS $$"
  "DECLARE n integer;"
  "BEGIN"
  "  PERFORM pg_advisory_xact_lock (hashtextextended (p_ceremony || ':' || p_card, 0));"
  "  IF EXISTS (SELECT 1 FROM serah.handovers h WHERE h.uuid = p_uuid) THEN"
  "    RETURN QUERY SELECT true, p_uuid, p_handed_at, p_operator, p_station, p_recipient,"
  "                        p_proxy_name, p_proxy_relation, current_user::name;"
  "    RETURN;"
  "  END IF;"
  "  RETURN QUERY SELECT false, h.uuid, h.handed_at, h.operator, h.station, h.recipient,"
  "                      h.proxy_name, h.proxy_relation, h.desk"
  "    FROM serah.handovers h"
  "    WHERE h.ceremony_uuid = p_ceremony AND h.card_no = p_card"
  "      AND NOT EXISTS (SELECT 1 FROM serah.undos u WHERE u.handover_uuid = h.uuid)"
  "    ORDER BY h.handed_at, h.uuid LIMIT 1;"
  "  IF FOUND THEN RETURN; END IF;"
  "  SELECT count (DISTINCT u.handover_uuid) INTO n"
  "    FROM serah.undos u JOIN serah.handovers h ON h.uuid = u.handover_uuid"
  "    WHERE h.ceremony_uuid = p_ceremony AND h.card_no = p_card;"
  "  INSERT INTO serah.handovers (uuid, ceremony_uuid, card_no, nik, card_serial, handed_at,"
  "      operator, station, recipient, proxy_name, proxy_relation, proxy_id_number,"
  "      uninvited, identified_by, claim_no)"
  "    VALUES (p_uuid, p_ceremony, p_card, p_nik, p_serial, p_handed_at, p_operator,"
  "      p_station, p_recipient, p_proxy_name, p_proxy_relation, p_proxy_id, p_uninvited,"
  "      p_identified_by, n)"
  "    ON CONFLICT DO NOTHING;"
  "  IF FOUND THEN"
  "    RETURN QUERY SELECT true, p_uuid, p_handed_at, p_operator, p_station, p_recipient,"
  "                        p_proxy_name, p_proxy_relation, current_user::name;"
  "    RETURN;"
  "  END IF;"
  "  RETURN QUERY SELECT false, h.uuid, h.handed_at, h.operator, h.station, h.recipient,"
  "                      h.proxy_name, h.proxy_relation, h.desk"
  "    FROM serah.handovers h"
  "    WHERE h.ceremony_uuid = p_ceremony AND h.card_no = p_card AND h.claim_no = n;"
  "END $$;"

  /* Least rights: a desk reads and appends events and claims cards; nothing else. */
  "DO $$ BEGIN"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'serah_desk') THEN"
  "    CREATE ROLE serah_desk NOLOGIN;"
  "  END IF;"
  "END $$;"
  "REVOKE ALL ON SCHEMA serah FROM PUBLIC;"
  "REVOKE ALL ON ALL TABLES IN SCHEMA serah FROM PUBLIC;"
  "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA serah FROM PUBLIC;"
  "GRANT USAGE ON SCHEMA serah TO serah_desk;"
  "GRANT SELECT ON serah.schema_version, serah.office TO serah_desk;"
  "GRANT SELECT ON serah.handovers, serah.undos TO serah_desk;"
  "GRANT INSERT (uuid, ceremony_uuid, card_no, nik, card_serial, handed_at, operator, station,"
  "              recipient, proxy_name, proxy_relation, proxy_id_number, uninvited,"
  "              identified_by, claim_no) ON serah.handovers TO serah_desk;"
  "GRANT INSERT (uuid, handover_uuid, undone_at, operator, station, reason)"
  "  ON serah.undos TO serah_desk;"
  "GRANT EXECUTE ON FUNCTION serah.claim_handover (text, text, text, text, bigint, bigint,"
  "  text, text, text, text, text, text, boolean, text) TO serah_desk;"
  "GRANT EXECUTE ON FUNCTION serah.refuse_change (), serah.notify_event () TO serah_desk;";

/* Step 2 (issue 16, "one register"): the register, ceremonies and invitations.
 *
 * Still append-only, so the desks' rights stay "insert and read": an import is a row of
 * serah.imports whose seq (the server's order of arrival) is the import sequence, and each
 * participant it wrote is a new row of serah.participant_versions. The current register is
 * derived: per NIK, the version of the highest import sequence wins (never a wall clock, which
 * differs from laptop to laptop). (desk, local_id) makes a retried push of one import a no-op.
 * Ceremonies and invitations are keyed by the ceremony's UUID (and the NIK): a set union. */
static const char schema_v2[] =
  "CREATE TABLE serah.imports ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  local_id    bigint NOT NULL,"
  "  file_name   text NOT NULL,"
  "  sha256      text NOT NULL,"
  "  started_at  bigint NOT NULL,"
  "  rows        bigint NOT NULL,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  UNIQUE (desk, local_id)"
  ");"
  "CREATE TABLE serah.participant_versions ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  import_seq  bigint NOT NULL REFERENCES serah.imports (seq),"
  "  nik         text NOT NULL CHECK (length (nik) = 16),"
  "  card_no     text NOT NULL CHECK (length (card_no) = 13),"
  "  name        text NOT NULL,"
  "  sex         text NOT NULL CHECK (sex IN ('L', 'P')),"
  "  birth_date  text,"
  "  address     text,"
  "  desa        text,"
  "  kecamatan   text,"
  "  faskes      text,"
  "  care_class  integer,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX participant_versions_current ON serah.participant_versions"
  "  (nik, import_seq DESC, seq DESC);"
  "CREATE INDEX participant_versions_by_txid ON serah.participant_versions (txid);"
  "CREATE TABLE serah.ceremonies ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  uuid        text PRIMARY KEY CHECK (length (uuid) = 36),"
  "  name        text NOT NULL CHECK (length (name) > 0),"
  "  date        text NOT NULL CHECK (length (date) = 10),"
  "  place       text NOT NULL,"
  "  created_at  bigint NOT NULL,"
  "  created_by  text,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX ceremonies_by_txid ON serah.ceremonies (txid);"
  "CREATE TABLE serah.invitations ("
  "  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  ceremony_uuid text NOT NULL REFERENCES serah.ceremonies (uuid),"
  "  nik           text NOT NULL CHECK (length (nik) = 16),"
  "  kecamatan     text NOT NULL,"
  "  desa          text NOT NULL,"
  "  invited_at    bigint NOT NULL,"
  "  invited_by    text,"
  "  source        text,"
  "  desk          name NOT NULL DEFAULT current_user,"
  "  txid          xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  PRIMARY KEY (ceremony_uuid, nik)"
  ");"
  "CREATE INDEX invitations_by_txid ON serah.invitations (txid);"
  /* Closing is an event of its own, as in SQLite; a closed ceremony still takes events that
   * happened before (merging into it is allowed). */
  "CREATE TABLE serah.ceremony_closures ("
  "  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  ceremony_uuid text PRIMARY KEY REFERENCES serah.ceremonies (uuid),"
  "  closed_at     bigint NOT NULL,"
  "  closed_by     text,"
  "  desk          name NOT NULL DEFAULT current_user,"
  "  txid          xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX ceremony_closures_by_txid ON serah.ceremony_closures (txid);"
  "CREATE TRIGGER ceremony_closures_append_only BEFORE UPDATE OR DELETE"
  "  ON serah.ceremony_closures FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER ceremony_closures_no_truncate BEFORE TRUNCATE ON serah.ceremony_closures"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER imports_append_only BEFORE UPDATE OR DELETE ON serah.imports"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER imports_no_truncate BEFORE TRUNCATE ON serah.imports"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER participant_versions_append_only BEFORE UPDATE OR DELETE"
  "  ON serah.participant_versions FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER participant_versions_no_truncate BEFORE TRUNCATE"
  "  ON serah.participant_versions FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER ceremonies_append_only BEFORE UPDATE OR DELETE ON serah.ceremonies"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER ceremonies_no_truncate BEFORE TRUNCATE ON serah.ceremonies"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER invitations_append_only BEFORE UPDATE OR DELETE ON serah.invitations"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER invitations_no_truncate BEFORE TRUNCATE ON serah.invitations"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER participant_versions_notify AFTER INSERT ON serah.participant_versions"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"
  "CREATE TRIGGER invitations_notify AFTER INSERT ON serah.invitations"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"
  "REVOKE ALL ON serah.imports, serah.participant_versions, serah.ceremonies,"
  "  serah.invitations, serah.ceremony_closures FROM PUBLIC;"
  "GRANT SELECT ON serah.imports, serah.participant_versions, serah.ceremonies,"
  "  serah.invitations, serah.ceremony_closures TO serah_desk;"
  "GRANT INSERT (ceremony_uuid, closed_at, closed_by) ON serah.ceremony_closures"
  "  TO serah_desk;"
  "GRANT INSERT (local_id, file_name, sha256, started_at, rows) ON serah.imports TO serah_desk;"
  "GRANT INSERT (import_seq, nik, card_no, name, sex, birth_date, address, desa, kecamatan,"
  "              faskes, care_class) ON serah.participant_versions TO serah_desk;"
  "GRANT INSERT (uuid, name, date, place, created_at, created_by) ON serah.ceremonies"
  "  TO serah_desk;"
  "GRANT INSERT (ceremony_uuid, nik, kecamatan, desa, invited_at, invited_by, source)"
  "  ON serah.invitations TO serah_desk;";

/* Step 3 (issue 16): the office's audit log. Each desk's entries as they were written there:
 * the desk (its login), its own id for the entry (a retried push is a no-op by (desk,
 * local_id)), the operator and the time the desk recorded. Append-only by grants and triggers
 * like the events: the audit log stays append-only on the server too. Entries are never pulled
 * back into another desk's SQLite log (that log says what happened at this desk); the office's
 * whole log is read on the server (docs/server.md, "The audit log"). */
static const char schema_v3[] =
  "CREATE TABLE serah.audit_log ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  local_id    bigint NOT NULL CHECK (local_id > 0),"
  "  at          bigint NOT NULL,"
  "  operator    text NOT NULL,"
  "  action      text NOT NULL CHECK (length (action) > 0),"
  "  subject     text,"
  "  details     text,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  UNIQUE (desk, local_id)"
  ");"
  "CREATE INDEX audit_log_by_at ON serah.audit_log (at);"
  "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON serah.audit_log"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON serah.audit_log"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "REVOKE ALL ON serah.audit_log FROM PUBLIC;"
  "GRANT SELECT ON serah.audit_log TO serah_desk;"
  "GRANT INSERT (local_id, at, operator, action, subject, details) ON serah.audit_log"
  "  TO serah_desk;"
  /* Testimonials by UUID (a set union), their consent history as events keyed by what
   * happened (testimonial, consent, time, operator), so that an event pulled by one desk and
   * sent on by it is the same row. The photo and audio files stay at the desk that recorded
   * them. The server takes every event (a desk that has not yet heard of a withdrawal may
   * still send a later one); each desk keeps a withdrawal final when it pulls (see
   * serah-server-testimonials.c). */
  "CREATE TABLE serah.testimonials ("
  "  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  uuid          text PRIMARY KEY CHECK (length (uuid) = 36),"
  "  ceremony_uuid text,"
  "  nik           text NOT NULL CHECK (length (nik) = 16),"
  "  text          text NOT NULL CHECK (length (btrim (text)) > 0),"
  "  rating        integer CHECK (rating BETWEEN 1 AND 5),"
  "  tags          text[] NOT NULL DEFAULT '{}',"
  "  recorded_by   text,"
  "  recorded_at   bigint NOT NULL,"
  "  desk          name NOT NULL DEFAULT current_user,"
  "  txid          xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX testimonials_by_txid ON serah.testimonials (txid);"
  "CREATE TABLE serah.testimonial_consents ("
  "  seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  testimonial_uuid text NOT NULL REFERENCES serah.testimonials (uuid),"
  "  consent          text NOT NULL"
  "                   CHECK (consent IN ('none', 'anonymous', 'named', 'withdrawn')),"
  "  note             text,"
  "  operator         text NOT NULL,"
  "  at               bigint NOT NULL,"
  "  desk             name NOT NULL DEFAULT current_user,"
  "  txid             xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  UNIQUE (testimonial_uuid, consent, at, operator),"
  "  CHECK (consent <> 'withdrawn' OR length (btrim (note)) > 0)"
  ");"
  "CREATE INDEX testimonial_consents_by_txid ON serah.testimonial_consents (txid);"
  "CREATE TRIGGER testimonials_append_only BEFORE UPDATE OR DELETE ON serah.testimonials"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER testimonials_no_truncate BEFORE TRUNCATE ON serah.testimonials"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER testimonial_consents_append_only BEFORE UPDATE OR DELETE"
  "  ON serah.testimonial_consents FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER testimonial_consents_no_truncate BEFORE TRUNCATE"
  "  ON serah.testimonial_consents FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER testimonial_consents_notify AFTER INSERT ON serah.testimonial_consents"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"
  "REVOKE ALL ON serah.testimonials, serah.testimonial_consents FROM PUBLIC;"
  "GRANT SELECT ON serah.testimonials, serah.testimonial_consents TO serah_desk;"
  "GRANT INSERT (uuid, ceremony_uuid, nik, text, rating, tags, recorded_by, recorded_at)"
  "  ON serah.testimonials TO serah_desk;"
  "GRANT INSERT (testimonial_uuid, consent, note, operator, at)"
  "  ON serah.testimonial_consents TO serah_desk;";

/* Step (issue 16, operators): every change the local rules audit for an operator (add, new
 * PIN, disable, enable) as an event, with the Argon2id hash only (never a PIN), applied by
 * each desk field by field in server order (serah-server-operators.c). Append-only like the
 * other event tables; failure counters and lockouts are per desk and never travel. */
static const char schema_operators[] =
  "CREATE TABLE serah.operator_events ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  local_id    bigint NOT NULL CHECK (local_id > 0),"
  "  kind        text NOT NULL CHECK (kind IN ('add', 'pin', 'disable', 'enable')),"
  "  name        text NOT NULL CHECK (length (name) BETWEEN 1 AND 32 AND name = lower (name)),"
  "  full_name   text,"
  "  role        text CHECK (role IN ('admin', 'officer')),"
  "  pin_hash    text CHECK (pin_hash LIKE '$argon2%'),"
  "  actor       text,"
  "  at          bigint NOT NULL,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  UNIQUE (desk, local_id),"
  "  CHECK ((kind IN ('add', 'pin')) = (pin_hash IS NOT NULL)),"
  "  CHECK ((kind = 'add') = (role IS NOT NULL))"
  ");"
  "CREATE INDEX operator_events_by_txid ON serah.operator_events (txid);"
  "CREATE TRIGGER operator_events_append_only BEFORE UPDATE OR DELETE ON serah.operator_events"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER operator_events_no_truncate BEFORE TRUNCATE ON serah.operator_events"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "REVOKE ALL ON serah.operator_events FROM PUBLIC;"
  "GRANT SELECT ON serah.operator_events TO serah_desk;"
  "GRANT INSERT (local_id, kind, name, full_name, role, pin_hash, actor, at)"
  "  ON serah.operator_events TO serah_desk;";


/* Step "serials" (issue 16, "one register": print runs, printed cards and voids; appended after
 * v3, the lead renumbers at merge).
 *
 * One serial space: serah.serial_blocks is fed only by serah.allocate_serial_block, SECURITY
 * DEFINER, which takes the table's lock and starts the new block above every block already
 * handed out, every serial a desk reported having used before it linked, and every printed
 * card on the server; the EXCLUDE constraint is the guarantee should anything bypass it. Desks
 * may execute the function and read the table, never insert, update or delete in it. Print
 * runs (by UUID), printed cards (by serial) and voids (by serial) are events like the others:
 * desks insert and read, the triggers refuse UPDATE, DELETE and TRUNCATE to everyone.
 * serah.office_keys carries the office's QR secret (the HMAC key of the card payloads) to a
 * desk that has none, so that a card printed at one desk verifies at another. */
static const char schema_serials[] =
  "CREATE TABLE serah.serial_blocks ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  desk        name NOT NULL,"
  "  start       bigint NOT NULL CHECK (start > 0),"
  "  count       integer NOT NULL CHECK (count > 0),"
  "  used_before bigint NOT NULL DEFAULT 0,"
  "  at          timestamptz NOT NULL DEFAULT now(),"
  "  EXCLUDE USING gist (int8range (start, start + count) WITH &&)"
  ");"
  "CREATE TABLE serah.print_runs ("
  "  seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  uuid       text PRIMARY KEY CHECK (length (uuid) = 36),"
  "  created_at bigint NOT NULL,"
  "  kind       text NOT NULL CHECK (kind IN ('batch', 'reprint', 'invitation')),"
  "  operator   text,"
  "  template   text NOT NULL,"
  "  sheet      text NOT NULL,"
  "  selection  text,"
  "  desk       name NOT NULL DEFAULT current_user,"
  "  txid       xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX print_runs_by_txid ON serah.print_runs (txid);"
  "CREATE TABLE serah.printed_cards ("
  "  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  serial          bigint PRIMARY KEY CHECK (serial > 0),"
  "  run_uuid        text NOT NULL REFERENCES serah.print_runs (uuid),"
  "  nik             text NOT NULL,"
  "  card_no         text NOT NULL,"
  "  sheet_no        integer NOT NULL,"
  "  position        integer NOT NULL,"
  "  stack_group     text,"
  "  stack_index     integer,"
  "  replaces_serial bigint,"
  "  printed_at      bigint NOT NULL,"
  "  desk            name NOT NULL DEFAULT current_user,"
  "  txid            xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX printed_cards_by_txid ON serah.printed_cards (txid);"
  "CREATE TABLE serah.card_voids ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  serial      bigint PRIMARY KEY,"
  "  voided_at   bigint NOT NULL,"
  "  operator    text,"
  "  reason      text NOT NULL CHECK (length (reason) > 0),"
  "  replaced_by bigint,"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id()"
  ");"
  "CREATE INDEX card_voids_by_txid ON serah.card_voids (txid);"
  "CREATE TABLE serah.office_keys ("
  "  name  text PRIMARY KEY,"
  "  value text NOT NULL CHECK (length (value) > 0),"
  "  desk  name NOT NULL DEFAULT current_user,"
  "  at    timestamptz NOT NULL DEFAULT now()"
  ");"
  "CREATE FUNCTION serah.allocate_serial_block (p_count integer, p_used_max bigint)"
  "  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER"
  "  SET search_path = pg_catalog, pg_temp AS $$"
  "DECLARE s bigint;"
  "BEGIN"
  "  IF p_count IS NULL OR p_count < 1 OR p_count > 1000000 THEN"
  "    RAISE EXCEPTION 'serah: a serial block of % serials refused', p_count;"
  "  END IF;"
  "  LOCK TABLE serah.serial_blocks IN EXCLUSIVE MODE;"
  "  SELECT greatest ((SELECT coalesce (max (b.start + b.count - 1), 0)"
  "                      FROM serah.serial_blocks b),"
  "                   (SELECT coalesce (max (b.used_before), 0) FROM serah.serial_blocks b),"
  "                   (SELECT coalesce (max (c.serial), 0) FROM serah.printed_cards c),"
  "                   coalesce (p_used_max, 0)) + 1 INTO s;"
  "  INSERT INTO serah.serial_blocks (desk, start, count, used_before)"
  "    VALUES (session_user, s, p_count, greatest (coalesce (p_used_max, 0), 0));"
  "  RETURN s;"
  "END $$;"
  "CREATE TRIGGER serial_blocks_append_only BEFORE UPDATE OR DELETE ON serah.serial_blocks"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER serial_blocks_no_truncate BEFORE TRUNCATE ON serah.serial_blocks"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER print_runs_append_only BEFORE UPDATE OR DELETE ON serah.print_runs"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER print_runs_no_truncate BEFORE TRUNCATE ON serah.print_runs"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER printed_cards_append_only BEFORE UPDATE OR DELETE ON serah.printed_cards"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER printed_cards_no_truncate BEFORE TRUNCATE ON serah.printed_cards"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER card_voids_append_only BEFORE UPDATE OR DELETE ON serah.card_voids"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER card_voids_no_truncate BEFORE TRUNCATE ON serah.card_voids"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER office_keys_append_only BEFORE UPDATE OR DELETE ON serah.office_keys"
  "  FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER office_keys_no_truncate BEFORE TRUNCATE ON serah.office_keys"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER card_voids_notify AFTER INSERT ON serah.card_voids"
  "  FOR EACH STATEMENT EXECUTE FUNCTION serah.notify_event ();"
  "REVOKE ALL ON serah.serial_blocks, serah.print_runs, serah.printed_cards, serah.card_voids,"
  "  serah.office_keys FROM PUBLIC;"
  "REVOKE ALL ON FUNCTION serah.allocate_serial_block (integer, bigint) FROM PUBLIC;"
  "GRANT SELECT ON serah.serial_blocks, serah.print_runs, serah.printed_cards,"
  "  serah.card_voids, serah.office_keys TO serah_desk;"
  "GRANT EXECUTE ON FUNCTION serah.allocate_serial_block (integer, bigint) TO serah_desk;"
  "GRANT INSERT (uuid, created_at, kind, operator, template, sheet, selection)"
  "  ON serah.print_runs TO serah_desk;"
  "GRANT INSERT (serial, run_uuid, nik, card_no, sheet_no, position, stack_group, stack_index,"
  "              replaces_serial, printed_at) ON serah.printed_cards TO serah_desk;"
  "GRANT INSERT (serial, voided_at, operator, reason, replaced_by) ON serah.card_voids"
  "  TO serah_desk;"
  "GRANT INSERT (name, value) ON serah.office_keys TO serah_desk;";

/* Outreach records and testimonial media (issue 16 follow-up, serah-server-outreach.c and
 * serah-server-media.c). Outreach: one append-only table for every kind of outreach row
 * (activities with their partners and materials, attendance, registrations and their status
 * events, feedback and its follow-up, understanding and SKM answers, data corrections), keyed
 * by (kind, natural key) and carrying the row as JSON with its references by UUID or NIK: one
 * push and one pull loop serve nine local tables, and a desk that pulls checks every row
 * against its own SQLite constraints. A status change is a new event row, never an update.
 * Media: the photo or audio file of a testimonial as bytea, keyed by the testimonial, the
 * kind and the SHA-256 of the content; the size is capped here (16 MiB) and checked against
 * the content, and a desk checks the hash again before it writes the file. */
static const char schema_outreach_media[] =
  "CREATE TABLE serah.outreach_records ("
  "  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  kind        text NOT NULL CHECK (kind IN ('activity', 'attendee', 'skm', 'understanding',"
  "                'registration', 'registration_event', 'feedback', 'feedback_event',"
  "                'correction')),"
  "  key         text NOT NULL CHECK (length (key) BETWEEN 1 AND 400),"
  "  body        jsonb NOT NULL CHECK (jsonb_typeof (body) = 'object'),"
  "  desk        name NOT NULL DEFAULT current_user,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  PRIMARY KEY (kind, key)"
  ");"
  "CREATE INDEX outreach_records_by_txid ON serah.outreach_records (txid);"
  "CREATE TRIGGER outreach_records_append_only BEFORE UPDATE OR DELETE"
  "  ON serah.outreach_records FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER outreach_records_no_truncate BEFORE TRUNCATE"
  "  ON serah.outreach_records FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "REVOKE ALL ON serah.outreach_records FROM PUBLIC;"
  "GRANT SELECT ON serah.outreach_records TO serah_desk;"
  "GRANT INSERT (kind, key, body) ON serah.outreach_records TO serah_desk;"
  "CREATE TABLE serah.testimonial_media ("
  "  seq              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
  "  testimonial_uuid text NOT NULL REFERENCES serah.testimonials (uuid),"
  "  kind             text NOT NULL CHECK (kind IN ('photo', 'audio')),"
  "  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
  "  extension        text NOT NULL CHECK (extension ~ '^[a-z0-9]{1,8}$'),"
  "  size             bigint NOT NULL CHECK (size BETWEEN 1 AND 16777216),"
  "  data             bytea NOT NULL,"
  "  desk             name NOT NULL DEFAULT current_user,"
  "  received_at      timestamptz NOT NULL DEFAULT now(),"
  "  txid             xid8 NOT NULL DEFAULT pg_current_xact_id(),"
  "  PRIMARY KEY (testimonial_uuid, kind, sha256),"
  "  CHECK (octet_length (data) = size)"
  ");"
  "CREATE TRIGGER testimonial_media_append_only BEFORE UPDATE OR DELETE"
  "  ON serah.testimonial_media FOR EACH ROW EXECUTE FUNCTION serah.refuse_change ();"
  "CREATE TRIGGER testimonial_media_no_truncate BEFORE TRUNCATE"
  "  ON serah.testimonial_media FOR EACH STATEMENT EXECUTE FUNCTION serah.refuse_change ();"
  "REVOKE ALL ON serah.testimonial_media FROM PUBLIC;"
  "GRANT SELECT ON serah.testimonial_media TO serah_desk;"
  "GRANT INSERT (testimonial_uuid, kind, sha256, extension, size, data)"
  "  ON serah.testimonial_media TO serah_desk;";

/* Step (issue 16, the register pushed by COPY): a participant version takes its import from
 * the serah.imports row its own session just inserted (currval of that identity), and desks
 * may no longer write import_seq; the foreign key goes. Why: the per-row foreign-key check
 * was half the server's time of a COPY (1 000 000 versions: 63 s with it, 26 s without, on
 * the loaded development machine), and the default is a stronger rule than the key was: a
 * desk could point its versions at any existing import, including a later one of another
 * desk; now they always belong to the import the same session sent. The owner may still name
 * an import explicitly (repairs, tests). */
static const char schema_register_copy[] =
  "ALTER TABLE serah.participant_versions"
  "  DROP CONSTRAINT participant_versions_import_seq_fkey;"
  "DO $$ BEGIN"
  "  EXECUTE format ('ALTER TABLE serah.participant_versions ALTER COLUMN import_seq"
  "                   SET DEFAULT currval (%L::regclass)',"
  "                  pg_get_serial_sequence ('serah.imports', 'seq'));"
  "  EXECUTE format ('GRANT SELECT ON SEQUENCE %s TO serah_desk',"
  "                  pg_get_serial_sequence ('serah.imports', 'seq'));"
  "END $$;"
  "REVOKE INSERT (import_seq) ON serah.participant_versions FROM serah_desk;";

static const char *const steps[] = { schema_v1, schema_v2, schema_v3, schema_operators,
                                     schema_serials, schema_outreach_media,
                                     schema_register_copy };
G_STATIC_ASSERT (G_N_ELEMENTS (steps) == SERAH_SERVER_SCHEMA_VERSION);

static int
read_version (PGconn *conn, gboolean *has_schema, GError **error)
{
  PGresult *res;
  int version = 0;

  res = PQexec (conn, "SELECT to_regclass ('serah.schema_version') IS NOT NULL");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      serah_server_set_error (conn, res, _("Cannot read the office server's schema"), error);
      PQclear (res);
      return -1;
    }
  *has_schema = g_strcmp0 (PQgetvalue (res, 0, 0), "t") == 0;
  PQclear (res);
  if (!*has_schema)
    return 0;
  res = PQexec (conn, "SELECT coalesce (max (version), 0) FROM serah.schema_version");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      serah_server_set_error (conn, res, _("Cannot read the office server's schema"), error);
      PQclear (res);
      return -1;
    }
  version = atoi (PQgetvalue (res, 0, 0));
  PQclear (res);
  return version;
}

static gboolean
check_office (PGconn *conn, const char *database_id, GError **error)
{
  const char *params[] = { database_id };
  PGresult *res = PQexecParams (conn,
                                "SELECT count (*) FILTER (WHERE database_id = $1), count (*)"
                                " FROM serah.office",
                                1, NULL, params, NULL, NULL, 0);
  gboolean ok;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      serah_server_set_error (conn, res, _("Cannot read the office server's schema"), error);
      PQclear (res);
      return FALSE;
    }
  ok = atoi (PQgetvalue (res, 0, 0)) > 0;
  if (!ok)
    g_set_error_literal (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_OTHER_DATABASE,
                         atoi (PQgetvalue (res, 0, 1)) > 0
                           ? _("This office server belongs to another office database, not "
                               "to a copy of this one. Link the desk to its own office's "
                               "server.")
                           : _("This office server is not set up for any office database "
                               "yet; an administrator runs “serah-cli server init” first."));
  PQclear (res);
  return ok;
}

gboolean
serah_server_check_schema (PGconn *conn, const char *database_id, GError **error)
{
  gboolean has_schema = FALSE;
  int version = read_version (conn, &has_schema, error);

  if (version < 0)
    return FALSE;
  if (!has_schema)
    {
      g_set_error_literal (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_NOT_SET_UP,
                           _("This PostgreSQL database has no Serah schema (or this desk may "
                             "not read it); an administrator runs “serah-cli server init” "
                             "first."));
      return FALSE;
    }
  if (version < SERAH_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_SCHEMA_OLD,
                   _("The office server's schema is older (version %d) than this Serah "
                     "expects (version %d); an administrator runs “serah-cli server init” "
                     "to upgrade it. Meanwhile this desk records locally."),
                   version, SERAH_SERVER_SCHEMA_VERSION);
      return FALSE;
    }
  if (version > SERAH_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_SCHEMA_NEW,
                   _("The office server's schema (version %d) is newer than this Serah "
                     "(version %d); update Serah on this desk. Meanwhile it records locally."),
                   version, SERAH_SERVER_SCHEMA_VERSION);
      return FALSE;
    }
  return check_office (conn, database_id, error);
}

static gboolean
exec_ok (PGconn *conn, const char *sql, const char *what, GError **error)
{
  PGresult *res = PQexec (conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;

  if (!ok)
    serah_server_set_error (conn, res, what, error);
  PQclear (res);
  return ok;
}

gboolean
serah_server_apply_schema (PGconn *conn, const char *database_id, GError **error)
{
  gboolean has_schema = FALSE;
  int version;
  gboolean ok;

  /* One migration at a time, whoever else runs init. */
  if (!exec_ok (conn, "BEGIN; SELECT pg_advisory_xact_lock (5392741)",
                _("Cannot set up the office server"), error))
    return FALSE;
  version = read_version (conn, &has_schema, error);
  ok = version >= 0;
  if (ok && version > SERAH_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_SCHEMA_NEW,
                   _("The office server's schema (version %d) is newer than this Serah "
                     "(version %d); set it up with the newer Serah."),
                   version, SERAH_SERVER_SCHEMA_VERSION);
      ok = FALSE;
    }
  for (int v = version; ok && v < SERAH_SERVER_SCHEMA_VERSION; v++)
    {
      g_autofree char *record = g_strdup_printf ("INSERT INTO serah.schema_version (version)"
                                                 " VALUES (%d)", v + 1);
      ok = exec_ok (conn, steps[v], _("Cannot set up the office server"), error) &&
           exec_ok (conn, record, _("Cannot set up the office server"), error);
    }
  if (ok)
    {
      const char *params[] = { database_id };
      PGresult *res = PQexecParams (conn,
                                    "INSERT INTO serah.office (database_id)"
                                    " SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM serah.office)",
                                    1, NULL, params, NULL, NULL, 0);
      ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      if (!ok)
        serah_server_set_error (conn, res, _("Cannot set up the office server"), error);
      PQclear (res);
    }
  ok = ok && check_office (conn, database_id, error) &&
       exec_ok (conn, "COMMIT", _("Cannot set up the office server"), error);
  if (!ok)
    PQclear (PQexec (conn, "ROLLBACK"));
  return ok;
}
