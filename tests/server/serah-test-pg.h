/* serah-test-pg.h: a throwaway PostgreSQL cluster for tests (serah-test-pg.c). */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define SERAH_TEST_PG_ADMIN_PASSWORD "admin-secret-2026"

/* The cluster of this run (one per test binary; each test makes its own database). */
extern char *pg_bindir;
extern char *pg_dir;
extern char *pg_data;
extern char *pg_socket;
extern int   pg_port;           /* the Unix socket's and localhost's (TLS) port */
extern char *pg_ca_file;        /* the CA that signed the server's certificate (localhost) */
extern char *pg_other_ca_file;  /* a CA that did not */

/* initdb (SERAH_PG_BINDIR), start; stops the cluster if the test aborts. */
void    cluster_create (void);
void    pg_start       (void);
void    pg_stop        (void);
/* postgresql:///db?host=SOCKET&user=user */
char   *url_for        (const char *db,
                        const char *user);
PGconn *admin_connect  (const char *db);
void    admin_exec     (const char *db,
                        const char *sql);
gint64  admin_count    (const char *db,
                        const char *sql);

G_END_DECLS
