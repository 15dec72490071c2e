/* serah-application.h: the GtkApplication; owns the office database. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_APPLICATION (serah_application_get_type ())
G_DECLARE_FINAL_TYPE (SerahApplication, serah_application, SERAH, APPLICATION, AdwApplication)

SerahApplication *serah_application_new       (void);
SerahStore       *serah_application_get_store (SerahApplication *self);

G_END_DECLS
