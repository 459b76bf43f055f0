#include "headers.h"

#include <QRegularExpression>

namespace stampede::protocol {

QString redactSecrets(QString text, const QString& secret)
{
    static const QString Redacted = QStringLiteral("[redacted]");
    // RFC 6750 b64token characters.
    static const QRegularExpression bearer(
        QStringLiteral("(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"), QRegularExpression::CaseInsensitiveOption);
    // sk-..., sk-proj-..., sk-ant-...: the key body is at least 16 characters.
    static const QRegularExpression apiKey(QStringLiteral("\\bsk-[A-Za-z0-9_-]{16,}"));

    if (secret.size() >= 4)
        text.replace(secret, Redacted);
    text.replace(bearer, QStringLiteral("\\1") + Redacted);
    text.replace(apiKey, Redacted);
    return text;
}

} // namespace stampede::protocol
