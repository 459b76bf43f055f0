#include "protocol/gatewayheaders.h"

#include <iterator>

namespace stampede::protocol {

namespace {

bool globMatch(const char *p, const char *pe, const char *s, const char *se)
{
    // Iterative glob with one backtrack point: linear in practice for header names.
    const char *star = nullptr;
    const char *starS = nullptr;
    while (s < se) {
        if (p < pe && (*p == '?' || *p == *s)) {
            ++p, ++s;
        } else if (p < pe && *p == '*') {
            star = p++;
            starS = s;
        } else if (star) {
            p = star + 1;
            s = ++starS;
        } else {
            return false;
        }
    }
    while (p < pe && *p == '*')
        ++p;
    return p == pe;
}

} // namespace

HeaderPatterns::HeaderPatterns(const QStringList &patterns)
{
    for (const QString &p : patterns) {
        if (!p.isEmpty())
            m_patterns.push_back(p.toLatin1().toLower());
    }
}

bool HeaderPatterns::matches(QByteArrayView name) const
{
    if (m_patterns.empty() || name.isEmpty() || name.size() > 256)
        return false;
    char lower[256];
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        lower[i] = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    }
    const char *s = lower;
    const char *se = lower + name.size();
    for (const QByteArray &p : m_patterns) {
        if (globMatch(p.constData(), p.constData() + p.size(), s, se))
            return true;
    }
    return false;
}

int requestIdRank(QByteArrayView lowerName)
{
    static constexpr const char *kIds[] = { "x-request-id", "request-id", "x-litellm-call-id", "x-portkey-trace-id",
        "openai-request-id", "x-amzn-requestid", "cf-ray" };
    for (int i = 0; i < int(std::size(kIds)); ++i) {
        if (lowerName == kIds[i])
            return i;
    }
    return -1;
}

} // namespace stampede::protocol
