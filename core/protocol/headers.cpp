#include "headers.h"

#include <QRegularExpression>
#include <QUrl>

namespace stampede::protocol {

QString redactSecrets(QString text, const QString &secret)
{
    static const QString Redacted = QStringLiteral("[redacted]");
    // RFC 6750 b64token characters.
    static const QRegularExpression bearer(
        QStringLiteral("(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"), QRegularExpression::CaseInsensitiveOption);
    // sk-..., sk-proj-..., sk-ant-...: the key body is at least 16 characters.
    static const QRegularExpression apiKey(QStringLiteral("\\bsk-[A-Za-z0-9_-]{16,}"));

    if (secret.size() >= 4) {
        const QByteArray utf8 = secret.toUtf8();
        const QString forms[] = {
            secret,
            QString::fromLatin1(QUrl::toPercentEncoding(secret)),
            QString(secret).replace(QLatin1Char('/'), QStringLiteral("\\/")),
            QString::fromLatin1(utf8.toBase64()),
            QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)),
        };
        for (const QString &form : forms)
            text.replace(form, Redacted);
    }
    text.replace(bearer, QStringLiteral("\\1") + Redacted);
    text.replace(apiKey, Redacted);
    return text;
}

QString keptServerText(const QString &text, const QString &secret, qsizetype maxChars)
{
    // Redact a window a little longer than what is kept, so a key straddling the cut is caught whole.
    const qsizetype window = maxChars + 4 * std::max<qsizetype>(secret.size(), 64);
    QString out = redactSecrets(text.size() > window ? text.first(window) : text, secret);
    if (out.size() > maxChars) {
        qsizetype n = maxChars;
        if (n > 0 && out.at(n - 1).isHighSurrogate())
            --n;
        out.truncate(n);
        out += QChar(0x2026); // …
    }
    return out;
}

} // namespace stampede::protocol
