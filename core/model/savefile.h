#pragma once
// Writing a whole file at once, atomically: readers see the old file or the new one, never a part.

#include <QByteArray>
#include <QString>

namespace stampede::model {

/// Writes `bytes` to `path` through QSaveFile. Empty on success, else "<path>: <reason>".
QString writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace stampede::model
