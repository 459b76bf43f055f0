#include "metrics/requestoutcome.h"

namespace stampede::metrics {

using namespace Qt::StringLiterals;

namespace {

// One table each way: the keys written by errorKey()/finishReasonName() are the ones read back.
struct ErrorName {
    ErrorClass cls;
    QLatin1StringView key;
};
constexpr ErrorName kErrorNames[] = {
    { ErrorClass::Timeout, "timeout"_L1 },
    { ErrorClass::ConnectTimeout, "connect_timeout"_L1 },
    { ErrorClass::ConnectionRefused, "connection_refused"_L1 },
    { ErrorClass::ConnectionReset, "connection_reset"_L1 },
    { ErrorClass::Tls, "tls"_L1 },
    { ErrorClass::Malformed, "malformed_response"_L1 },
    { ErrorClass::StreamCut, "stream_cut"_L1 },
    { ErrorClass::Cancelled, "cancelled"_L1 },
    { ErrorClass::Network, "network"_L1 },
    { ErrorClass::Proxy, "proxy"_L1 },
};

struct FinishName {
    FinishReason reason;
    QLatin1StringView name;
};
constexpr FinishName kFinishNames[] = {
    { FinishReason::Stop, "stop"_L1 },
    { FinishReason::Length, "length"_L1 },
    { FinishReason::ToolCalls, "tool_calls"_L1 },
    { FinishReason::ContentFilter, "content_filter"_L1 },
    { FinishReason::Other, "other"_L1 },
};

constexpr QLatin1StringView kHttpPrefix = "http_"_L1;

} // namespace

QString errorKey(ErrorClass cls, int httpStatus)
{
    if (cls == ErrorClass::None)
        return {};
    if (cls == ErrorClass::Http)
        return kHttpPrefix + QString::number(httpStatus);
    for (const ErrorName &entry : kErrorNames) {
        if (entry.cls == cls)
            return entry.key;
    }
    return u"network"_s;
}

ErrorClass errorClassFromKey(const QString &key, int *httpStatus)
{
    *httpStatus = 0;
    if (key.isEmpty())
        return ErrorClass::None;
    if (key.startsWith(kHttpPrefix)) {
        *httpStatus = key.mid(kHttpPrefix.size()).toInt();
        return ErrorClass::Http;
    }
    for (const ErrorName &entry : kErrorNames) {
        if (key == entry.key)
            return entry.cls;
    }
    return ErrorClass::Network;
}

QString finishReasonName(FinishReason reason)
{
    for (const FinishName &entry : kFinishNames) {
        if (entry.reason == reason)
            return entry.name;
    }
    return {};
}

FinishReason finishReasonFromString(const QString &text)
{
    if (text.isEmpty())
        return FinishReason::None;
    for (const FinishName &entry : kFinishNames) {
        if (text == entry.name)
            return entry.reason;
    }
    return FinishReason::Other;
}

} // namespace stampede::metrics
