#pragma once
// What one request of a model looks like on the wire, for the editor's preview (issue 16): the
// method and URL, every header both transports send (the key's values shown as "[redacted]", never
// the key), and the JSON body, pretty-printed. Built from the same pieces the run uses
// (Endpoint::headers(), protocol::buildWireRequest()), so the preview cannot drift from the run.

#include "scenario/scenario.h"

#include <QString>

namespace stampede::engine {

/// The request `scenario.models[model]` would send with the first user prompt. `hasKey`: a key is
/// set (its headers are listed, redacted); the base URL "builtin" is shown as the simulated
/// gateway's loopback address. A model index out of range, or a base URL that is not http(s),
/// gives a one-line explanation instead.
QString requestPreview(const scenario::Scenario &scenario, int model, bool hasKey);

} // namespace stampede::engine
