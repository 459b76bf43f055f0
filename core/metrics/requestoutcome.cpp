#include "metrics/requestoutcome.h"

namespace stampede::metrics {

using namespace Qt::StringLiterals;

QString errorKey(ErrorClass cls, int httpStatus)
{
    switch (cls) {
    case ErrorClass::None:
        return {};
    case ErrorClass::Http:
        return u"http_"_s + QString::number(httpStatus);
    case ErrorClass::Timeout:
        return u"timeout"_s;
    case ErrorClass::ConnectTimeout:
        return u"connect_timeout"_s;
    case ErrorClass::ConnectionRefused:
        return u"connection_refused"_s;
    case ErrorClass::ConnectionReset:
        return u"connection_reset"_s;
    case ErrorClass::Tls:
        return u"tls"_s;
    case ErrorClass::Malformed:
        return u"malformed_response"_s;
    case ErrorClass::StreamCut:
        return u"stream_cut"_s;
    case ErrorClass::Cancelled:
        return u"cancelled"_s;
    case ErrorClass::Network:
        return u"network"_s;
    case ErrorClass::Proxy:
        return u"proxy"_s;
    }
    return u"network"_s;
}

FinishReason finishReasonFromString(const QString& text)
{
    if (text.isEmpty())
        return FinishReason::None;
    if (text == "stop"_L1)
        return FinishReason::Stop;
    if (text == "length"_L1)
        return FinishReason::Length;
    if (text == "tool_calls"_L1)
        return FinishReason::ToolCalls;
    if (text == "content_filter"_L1)
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

} // namespace stampede::metrics
