# The layers of src/ and what each may use: the one table both the build (which
# library links which) and the include check (cmake/check_layers.cmake, run by
# ctest as `layers`) read. docs/development.md explains it.
#
# LAYER_USES_<layer>: the layers whose headers <layer> may include and whose
# library it links. Dependencies point down ARCHITECTURE.md's picture only:
# base at the bottom; domain, exchange, validate, render and store above it;
# service above those; cli (and web) on top. A layer may always include itself.
#
# LAYER_PACKAGES_<layer>: the outside libraries (pkg-config names below) whose
# headers it may include and which it links. Only store links SQLite, only
# render links cairo and only exchange links libxml2 (the 903 XML), so that the
# domain and the validator can be built and tested without any of them.

set(LAYERS base domain exchange validate render store synth service cli web)

set(LAYER_USES_base "")
set(LAYER_USES_domain base)
set(LAYER_USES_exchange base domain)
set(LAYER_USES_validate base domain exchange)
# render writes what the services compute (the scorecard, the validation
# report), so it sits above service and validate; service never renders.
set(LAYER_USES_render base domain exchange validate service)
set(LAYER_USES_store base domain exchange)
set(LAYER_USES_synth base domain exchange)
set(LAYER_USES_service base domain exchange validate store synth)
# cli never drives the store: it calls services (issue 9 item 3); it runs the
# web server (cmd_serve.c), and web/ is the server and the JSON API.
set(LAYER_USES_cli base domain exchange validate render synth service web)
set(LAYER_USES_web base domain exchange validate render service)
# src/main.c: argv to the command table.
set(LAYER_USES_main base cli)

set(LAYER_PACKAGES_base Threads LIBCRYPTO)
set(LAYER_PACKAGES_domain "")
set(LAYER_PACKAGES_exchange LIBXML2 Threads)
set(LAYER_PACKAGES_validate "")
set(LAYER_PACKAGES_render CAIRO JANSSON)
set(LAYER_PACKAGES_store SQLITE3 LIBPQ Threads)
set(LAYER_PACKAGES_synth "")
set(LAYER_PACKAGES_service Threads SODIUM)
set(LAYER_PACKAGES_cli "")
set(LAYER_PACKAGES_web MHD JANSSON Threads SODIUM)
set(LAYER_PACKAGES_main "")

# Which package an outside header belongs to (a regular expression on the
# included name); headers not listed are the C and POSIX libraries'.
set(PACKAGE_HEADERS_SQLITE3 "^sqlite3")
set(PACKAGE_HEADERS_LIBPQ "^libpq")
set(PACKAGE_HEADERS_CAIRO "^(cairo|fontconfig/)")
set(PACKAGE_HEADERS_Threads "^pthread\\.h$")
set(PACKAGE_HEADERS_CMOCKA "^cmocka")
set(PACKAGE_HEADERS_JANSSON "^jansson")
set(PACKAGE_HEADERS_MHD "^microhttpd\\.h$")
set(PACKAGE_HEADERS_SODIUM "^sodium")
set(PACKAGE_HEADERS_LIBXML2 "^libxml/")
set(PACKAGES SQLITE3 LIBPQ CAIRO Threads CMOCKA JANSSON MHD SODIUM LIBXML2)
