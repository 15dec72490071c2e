/* serah-window.h: the main window: header bar and the page switcher. */
#pragma once

#include <adwaita.h>

#include "serah-application.h"

G_BEGIN_DECLS

#define SERAH_TYPE_WINDOW (serah_window_get_type ())
G_DECLARE_FINAL_TYPE (SerahWindow, serah_window, SERAH, WINDOW, AdwApplicationWindow)

SerahWindow *serah_window_new       (SerahApplication *app,
                                     SerahStore       *store);
SerahStore  *serah_window_get_store (SerahWindow *self);
/* Shows a short message at the bottom of the window. */
void         serah_window_toast     (SerahWindow *self,
                                     const char  *message);

G_END_DECLS
