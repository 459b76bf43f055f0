#pragma once
// Response headers in which a gateway says what it did: rate-limit state, its own overhead,
// upstream timing, request ids, cache status. Which headers a run keeps (scenario
// `capture_headers`: glob patterns); metrics/headervalues.h turns the kept ones into numbers
// (docs/metrics.md, "Gateway headers"). Pure functions and values: safe on any thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

#include <vector>

namespace stampede::protocol {

/// Glob patterns ('*' matches any run of characters, '?' one), matched against header names
/// case-insensitively. Empty: nothing is captured.
class HeaderPatterns
{
public:
    HeaderPatterns() = default;
    explicit HeaderPatterns(const QStringList &patterns);
    bool isEmpty() const { return m_patterns.empty(); }
    bool matches(QByteArrayView name) const;

private:
    std::vector<QByteArray> m_patterns; ///< lowercase
};

/// Rank of a request-id header name (lowercase), lower is preferred: x-request-id, request-id,
/// x-litellm-call-id, x-portkey-trace-id, openai-request-id, x-amzn-requestid, cf-ray; -1 for others.
int requestIdRank(QByteArrayView lowerName);

} // namespace stampede::protocol
