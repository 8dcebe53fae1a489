/* Reading an ArchiMate model from Archi's CSV export (elements.csv,
 * relations.csv, properties.csv): Goal and Outcome elements become goals,
 * WorkPackage elements initiatives, and KPI properties KPIs.  The mapping
 * is documented in alignkit-archi(7). */
#ifndef ALIGNKIT_ARCHI_H
#define ALIGNKIT_ARCHI_H

#include <stddef.h>
#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/load.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads one Archi CSV export and hands its goals, then its initiatives,
 * then its KPIs to h->record, each normalized (ak_record_normalize with
 * AK_RECORD_TEXT), in elements.csv order, with "src" the FILE:LINE of the
 * row it came from (elements.csv for goals and initiatives, properties.csv
 * for KPIs: the row of the KPI's name).
 *
 * paths[0..npaths) names the export (borrowed): one directory holding
 * elements.csv, relations.csv and properties.csv (or PREFIXelements.csv
 * and so on, when the directory holds one export with a prefix), or the
 * files themselves, named by how their names end; files not named are
 * found beside the first one named, as Archi's own import does.
 *
 * opts (borrowed; NULL for the defaults): the delimiter (0 detects it
 * from each header line), AK_LOAD_DECIMAL_COMMA and AK_LOAD_TEXT (each
 * record's JSON text in bytes, record set as well) are used; the format
 * and kind are not (the export says both); AK_LOAD_RAW is a usage error.
 *
 * h (borrowed) as for ak_loader_load: h->record must not be NULL; each
 * input error goes to h->error (AK_EINPUT: the row, relationship,
 * property or record is left out and the rest of the model still loads;
 * AK_EDUPLICATE: an id taken by an earlier record, which is left out;
 * AK_EIO: a file that cannot be read), located at FILE:LINE.  An
 * elements.csv that cannot be read, holds no row, or whose header is not
 * Archi's ends the model after that error: there is nothing to map.
 *
 * Returns AK_OK when everything was handed out (even if h->error was told
 * of errors and said to go on), the value a handler returned to stop, the
 * code of the first error when h->error is NULL (with *err filled),
 * AK_EUSAGE with *err filled when paths do not name an export, or
 * AK_ENOMEM. */
AK_EXTERN int ak_archi_load(const char *const *paths, size_t npaths,
                  const ak_load_options *opts, const ak_load_handler *h,
                  ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
