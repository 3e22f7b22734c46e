/* ssda903_xml: the 903 return as case-management systems export it, one XML
 * document with the root EXPSSDA903 (docs/import.md, "The 903 XML export").
 *
 * The reader turns such a document into the same tables of text cells the CSV
 * loader gives (exchange/ssda903.h), one Ssda903File per table, so that import
 * and validation treat both formats alike. It streams the document through
 * libxml2's xmlTextReader and never builds a tree: memory holds the cells, as
 * for CSV. It refuses a DOCTYPE or DTD, loads nothing over the network or from
 * other files, and substitutes no entities. Every cell keeps the line and
 * column of its element, and messages name the element as PARENT/NAME
 * ("EPISODE/PL"), so a problem found later (a bad code, a bad date) points into
 * the XML file.
 *
 * The writer produces the same document from the tables, for `export --format
 * xml` and for tests and benchmarks that need an export. */
#ifndef CAREPLEDGE_SSDA903_XML_H
#define CAREPLEDGE_SSDA903_XML_H

#include "base/err.h"
#include "exchange/ssda903.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Loaded tables, in the order they were added. */
typedef struct Ssda903FileList {
    Ssda903File *items;
    int n_items, cap;
} Ssda903FileList;

void ssda903_file_list_free(Ssda903FileList *l);

/* Whether the bytes (the start of a file is enough) are an XML document rather
 * than a CSV table: the first thing after an optional byte-order mark and white
 * space is '<'. UTF-16 XML counts too, so that it is refused with a message
 * about its encoding rather than read as a broken CSV file. */
bool ssda903_xml_sniff(const char *data, size_t len);
/* The same, reading the first bytes of a file; false when it cannot be read. */
bool ssda903_xml_sniff_file(const char *path);

/* Reads an EXPSSDA903 document and appends one table per 903 table it holds
 * (Header and Episodes always, the others when they have rows). Problems are
 * added to errs, each as file:line:column: ELEMENT/FIELD: message; returns 0,
 * or ERR_INPUT / ERR_IO when the document cannot be used (then nothing is
 * appended). */
int ssda903_xml_load(const char *path, Ssda903FileList *out, ErrList *errs);
int ssda903_xml_load_buffer(const char *name, const char *data, size_t len, Ssda903FileList *out,
                            ErrList *errs);

/* Reads path as a 903 XML export or as one CSV table or record template,
 * recognised by content, and appends what it holds. A CSV file is appended
 * even when it has problems (its table may then be NULL), as
 * ssda903_file_load_any leaves it. Returns 0 or a negative code. */
int ssda903_load_any_format(const char *path, Ssda903FileList *out, ErrList *errs);

/* Writes the 903 tables as one EXPSSDA903 document: a CHILD for each Header
 * row, in the Header's order, holding every row of the other tables for that
 * child. tables[t] may be NULL for a table that is not there; record templates
 * are not part of the 903 and are not accepted. A row whose child has no
 * Header row cannot be written and is an error (err names it). */
int ssda903_xml_write(FILE *out, const Ssda903File *const tables[T903_COUNT], Err *err);

#endif
