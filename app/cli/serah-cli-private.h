/* serah-cli-private.h: what the verb files of serah-cli share.
 *
 * serah-cli --db DB [--json] [--operator NAME] VERB ARGS...
 * Exit 0 = done, 1 = refused by a rule, 2 = bad usage or unreadable input.
 * --json prints one JSON object on stdout; messages for people go to stderr.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <serah/serah.h>

#include "serah-cli-json.h"

G_BEGIN_DECLS

enum {
  SERAH_CLI_EXIT_OK = 0,
  SERAH_CLI_EXIT_REFUSED = 1,
  SERAH_CLI_EXIT_USAGE = 2,
};

struct _SerahCli {
  char       *db_path;
  gboolean    json;
  char       *operator_name;
  SerahStore *store;
  gboolean    force;  /* --force, accepted by every verb: an existing output may be replaced */
};

typedef int (*SerahCliVerbFunc) (SerahCli *cli, int argc, char **argv);

typedef struct {
  const char      *name;     /* "import", "ceremony", ... */
  SerahCliVerbFunc func;     /* argv[0] is the verb itself */
  const char      *synopsis; /* one line for --help, shown through gettext: mark prose with N_ */
} SerahCliVerb;

/* Each area file defines one table, ended by { NULL }. */
extern const SerahCliVerb serah_cli_register_verbs[];
extern const SerahCliVerb serah_cli_print_verbs[];
extern const SerahCliVerb serah_cli_ceremony_verbs[];
extern const SerahCliVerb serah_cli_testimonial_verbs[];
extern const SerahCliVerb serah_cli_admin_verbs[];
extern const SerahCliVerb serah_cli_outreach_verbs[]; /* outreach (issue 15) */
extern const SerahCliVerb serah_cli_server_verbs[];

/* Opens the database named by --db (once). On failure prints why and returns NULL; the
 * verb then returns SERAH_CLI_EXIT_USAGE. */
SerahStore *serah_cli_get_store (SerahCli *cli);

/* Parses verb options with GOption; on error prints it with the verb's usage and returns
 * FALSE. argv is updated to hold the remaining arguments. */
gboolean    serah_cli_parse     (SerahCli     *cli,
                                 const char   *verb_usage,
                                 GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv);

/* Prints a message for people to stderr. */
void        serah_cli_message   (SerahCli *cli, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Prints error->message to stderr and returns exit_code. */
int         serah_cli_fail      (SerahCli *cli, const GError *error, int exit_code);
/* The contract of issue 17 for errors that are not a verb's own refusal: the JSON "code" of
 * an error (NULL when it has none) and its exit status (fallback when it has none). Busy,
 * disk full, read-only, permission denied, a protected or existing output: 1 (nothing was
 * done, for a reason named); not a Serah database, damaged, cannot open: 2. */
const char *serah_cli_error_code      (const GError *error);
int         serah_cli_error_exit_code (const GError *error,
                                       int           fallback);
/* Checks an output path named on the command line by serah-output's rules (after opening the
 * database, so that its -wal/-shm are known); --force allows replacing an existing regular
 * file. On refusal prints why and returns FALSE with *status set. */
gboolean    serah_cli_check_output    (SerahCli     *cli,
                                       const char   *path,
                                       int          *status);
/* Issue 17: template and sheet names are names, never paths. Returns FALSE with a
 * G_OPTION_ERROR_BAD_VALUE naming option unless name is letters, digits, '-' and '_'. */
gboolean    serah_cli_check_name      (const char   *option,
                                       const char   *name,
                                       GError      **error);
/* Strict decimal numbers (no NaN, infinity, hex or exponent; nothing after the digits)
 * within [min, max]. */
gboolean    serah_cli_parse_number    (const char   *text,
                                       double        min,
                                       double        max,
                                       double       *out);
/* A record's number given as an argument (activity attend ID, feedback forward ID, ...): the
 * same strict decimal, 1 or more; "0x10", "010", "+1", " 1" and "1e1" are refused. */
gboolean    serah_cli_parse_id        (const char   *text,
                                       gint64       *out);
/* A whole-number option read as text (GOption's INT64 reads "0x10" and "010"): NULL leaves
 * *out alone; otherwise strict decimal within [min, max], or a message naming --option and
 * FALSE (the caller exits with SERAH_CLI_EXIT_USAGE). */
gboolean    serah_cli_option_int      (SerahCli     *cli,
                                       const char   *option,
                                       const char   *text,
                                       gint64        min,
                                       gint64        max,
                                       gint64       *out);
#define SERAH_CLI_MAX_ID ((gint64) 1 << 53)

/* ---- hardening (issue 6): operators; bodies in serah-cli-admin.c ---- */

/* The sign-in check of a role-gated verb: the operator named by --operator, with the PIN
 * from SERAH_PIN or a no-echo prompt when stdin is a terminal, must hold role (an
 * administrator also passes SERAH_ROLE_OFFICER). While the database has no operator at
 * all, every action passes and cli->operator_name becomes --operator or the system user
 * name. On success cli->operator_name is the operator to record in the audit log, and
 * cli->store is open. Call it before opening your transaction. Typical use:
 *   if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
 *     return serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
 */
gboolean    serah_cli_require_role   (SerahCli     *cli,
                                      SerahRole     role,
                                      GError      **error);
/* The exit status for an error of serah_cli_require_role: 2 when the operator or PIN was
 * not given (or the database cannot be opened), 1 when refused (wrong PIN, locked,
 * disabled, role too low). */
int         serah_cli_auth_exit_code (const GError *error);

G_END_DECLS
