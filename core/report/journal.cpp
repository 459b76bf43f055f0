#include "report/journal.h"

#include "metrics/stats.h"
#include "report/jsonread.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace stampede::report {

using metrics::ErrorClass;
using metrics::FinishReason;
using metrics::RequestOutcome;
using nlohmann::json;

namespace {

// Time stamps of an outcome and their journal keys, in the order of a request's life.
struct TimeField {
    const char *key;
    std::int64_t RequestOutcome::*member;
};
constexpr TimeField kTimes[] = {
    { "sched", &RequestOutcome::scheduledNs }, { "disp", &RequestOutcome::dispatchedNs },
    { "sent", &RequestOutcome::sentNs }, { "fbyte", &RequestOutcome::firstByteNs },
    { "ftok", &RequestOutcome::firstTokenNs }, { "ltok", &RequestOutcome::lastTokenNs },
    { "end", &RequestOutcome::endNs },
    { "lwait", &RequestOutcome::limitWaitNs }, // not a time on the run clock: a duration (limits' wait)
};

void putString(json &j, const char *key, const QString &value)
{
    if (!value.isEmpty())
        j[key] = value.toStdString();
}

} // namespace

namespace {

/// Appends `"key":` (after a comma unless first) to a line being built.
class LineWriter
{
public:
    explicit LineWriter(QByteArray &out)
        : m_out(out)
    {
        m_out += '{';
    }
    void key(const char *name)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        m_out += '"';
        m_out += name;
        m_out += "\":";
    }
    void number(const char *name, std::int64_t value)
    {
        key(name);
        integer(value);
    }
    /// Digits without a temporary (QByteArray::number allocates: 20+ times a line).
    void integer(std::int64_t value)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        m_out.append(digits, end - digits);
    }
    void time(const char *name, std::int64_t value)
    {
        if (value >= 0)
            number(name, value);
    }
    void flag(const char *name, bool value)
    {
        if (value) {
            key(name);
            m_out += "true";
        }
    }
    void string(const char *name, const QString &value)
    {
        if (value.isEmpty())
            return;
        key(name);
        quoted(value);
    }
    /// JSON string as nlohmann writes it with ensure_ascii off: '"', '\\' and control characters escaped.
    void quoted(const QString &value)
    {
        static const char hex[] = "0123456789abcdef";
        const QByteArray utf8 = value.toUtf8();
        m_out += '"';
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\b':
                m_out += "\\b";
                break;
            case '\f':
                m_out += "\\f";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            default:
                if (u < 0x20) {
                    m_out += "\\u00";
                    m_out += hex[u >> 4];
                    m_out += hex[u & 0xF];
                } else {
                    m_out += c;
                }
            }
        }
        m_out += '"';
    }
    void end() { m_out += '}'; }

private:
    QByteArray &m_out;
    bool m_first = true;
};

} // namespace

QByteArray outcomeToJsonLine(const RequestOutcome &o, const QString &model)
{
    // Keys in byte order (what nlohmann's std::map-backed object writes): the files stay identical.
    QByteArray line;
    line.reserve(256 + qsizetype(o.itlUs.size()) * 8);
    LineWriter w(line);
    w.number("attempts", o.attempts);
    if (o.bytesReceived)
        w.number("bytes", o.bytesReceived);
    if (o.checksEvaluated) {
        w.number("chk_e", o.checksEvaluated);
        w.number("chk_p", o.checksPassed);
    }
    if (o.cacheReadTokens)
        w.number("crtok", o.cacheReadTokens);
    w.number("ctok", o.completionTokens);
    if (o.cacheCreationTokens)
        w.number("cwtok", o.cacheCreationTokens);
    w.flag("direct", o.direct); // a paired run's request to the direct target
    w.time("disp", o.dispatchedNs);
    w.time("end", o.endNs);
    w.string("error", metrics::errorKey(o.errorClass, o.httpStatus));
    w.flag("est", o.tokensEstimated);
    w.time("fbyte", o.firstByteNs);
    w.string("finish", metrics::finishReasonName(o.finishReason));
    w.time("ftok", o.firstTokenNs);
    w.flag("h2", o.http2);
    if (!o.headers.empty()) {
        w.key("hdr");
        line += '[';
        for (std::size_t k = 0; k < o.headers.size(); ++k) {
            line += k ? ",[" : "[";
            w.quoted(QString::fromUtf8(o.headers[k].name));
            line += ',';
            w.quoted(QString::fromUtf8(o.headers[k].value));
            line += ']';
        }
        line += ']';
    }
    w.number("i", o.modelIndex);
    if (!o.itlUs.empty()) {
        w.key("itl");
        line += '[';
        for (std::size_t k = 0; k < o.itlUs.size(); ++k) {
            if (k)
                line += ',';
            w.integer(o.itlUs[k]);
        }
        line += ']';
    }
    w.time("ltok", o.lastTokenNs);
    w.time("lwait", o.limitWaitNs);
    w.string("model", model);
    w.string("msg", o.errorMessage);
    if (o.sharedPrefix != metrics::kNoSharedPrefixRun) // prompts.shared_prefix: -1 without, else which one
        w.number("pfx", o.sharedPrefix);
    w.number("ptok", o.promptTokens);
    if (o.rateLimited)
        w.number("r429", o.rateLimited);
    if (o.retryAfterMs)
        w.number("ra_ms", o.retryAfterMs);
    if (o.redirects)
        w.number("redirects", o.redirects);
    if (!o.retryReasons.isEmpty()) {
        w.key("retries");
        line += '[';
        for (qsizetype k = 0; k < o.retryReasons.size(); ++k) {
            if (k)
                line += ',';
            w.quoted(o.retryReasons[k]);
        }
        line += ']';
    }
    w.string("returned", o.modelReturned);
    w.string("rid", o.requestId);
    if (o.reasoningTokens)
        w.number("rtok", o.reasoningTokens);
    if (o.retryWaitMs)
        w.number("rw_ms", o.retryWaitMs);
    w.time("sched", o.scheduledNs);
    w.time("sent", o.sentNs);
    if (o.httpStatus)
        w.number("status", o.httpStatus);
    w.flag("stream", o.streamed);
    w.time("t429", o.first429Ns);
    if (o.toolCalls) // scenario "tools": the answer's tool calls, and the invalid ones among them
        w.number("tc", o.toolCalls);
    if (o.toolCallsInvalid)
        w.number("tci", o.toolCallsInvalid);
    if (o.completionTextTokens >= 0) // integrity (issue 14): only beside reported usage
        w.number("ttok", o.completionTextTokens);
    if (o.turn > 0) // a conversation's turn (scenario "conversation")
        w.number("turn", o.turn);
    w.end();
    return line;
}

QByteArray detail::outcomeToJsonLineDom(const RequestOutcome &o, const QString &model)
{
    json j = json::object();
    j["i"] = o.modelIndex;
    putString(j, "model", model);
    for (const TimeField &t : kTimes) {
        if (o.*t.member >= 0)
            j[t.key] = o.*t.member;
    }
    if (o.httpStatus)
        j["status"] = o.httpStatus;
    putString(j, "error", metrics::errorKey(o.errorClass, o.httpStatus));
    putString(j, "msg", o.errorMessage);
    putString(j, "finish", metrics::finishReasonName(o.finishReason));
    j["attempts"] = o.attempts;
    if (o.redirects)
        j["redirects"] = o.redirects;
    if (!o.retryReasons.isEmpty()) {
        json reasons = json::array();
        for (const QString &reason : o.retryReasons)
            reasons.push_back(reason.toStdString());
        j["retries"] = reasons;
    }
    j["ptok"] = o.promptTokens;
    j["ctok"] = o.completionTokens;
    if (o.cacheReadTokens)
        j["crtok"] = o.cacheReadTokens;
    if (o.cacheCreationTokens)
        j["cwtok"] = o.cacheCreationTokens;
    if (o.reasoningTokens)
        j["rtok"] = o.reasoningTokens;
    if (o.turn > 0)
        j["turn"] = o.turn;
    if (o.toolCalls)
        j["tc"] = o.toolCalls;
    if (o.toolCallsInvalid)
        j["tci"] = o.toolCallsInvalid;
    if (o.sharedPrefix != metrics::kNoSharedPrefixRun)
        j["pfx"] = o.sharedPrefix;
    if (o.tokensEstimated)
        j["est"] = true;
    if (o.direct)
        j["direct"] = true;
    putString(j, "returned", o.modelReturned);
    if (o.bytesReceived)
        j["bytes"] = o.bytesReceived;
    if (o.http2)
        j["h2"] = true;
    if (o.streamed)
        j["stream"] = true;
    if (o.checksEvaluated) {
        j["chk_e"] = o.checksEvaluated;
        j["chk_p"] = o.checksPassed;
    }
    if (!o.itlUs.empty())
        j["itl"] = o.itlUs;
    if (!o.headers.empty()) {
        json headers = json::array();
        for (const metrics::CapturedHeader &h : o.headers)
            headers.push_back(
                json::array({ QString::fromUtf8(h.name).toStdString(), QString::fromUtf8(h.value).toStdString() }));
        j["hdr"] = headers;
    }
    putString(j, "rid", o.requestId);
    if (o.rateLimited)
        j["r429"] = o.rateLimited;
    if (o.first429Ns >= 0)
        j["t429"] = o.first429Ns;
    if (o.retryAfterMs)
        j["ra_ms"] = o.retryAfterMs;
    if (o.retryWaitMs)
        j["rw_ms"] = o.retryWaitMs;
    if (o.completionTextTokens >= 0) // integrity (issue 14)
        j["ttok"] = o.completionTextTokens;
    return QByteArray::fromStdString(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<RequestOutcome> outcomeFromJsonLine(const QByteArray &line, QString *model)
{
    const json j = json::parse(line.constBegin(), line.constEnd(), nullptr, false);
    if (!j.is_object() || !j.contains("i") || !j.contains("end"))
        return std::nullopt;
    RequestOutcome o;
    o.modelIndex = jsonValue<int>(j, { "i" }, 0);
    for (const TimeField &t : kTimes)
        o.*t.member = jsonValue<std::int64_t>(j, { t.key }, -1);
    const int status = jsonValue<int>(j, { "status" }, 0);
    int keyStatus = 0;
    o.errorClass = metrics::errorClassFromKey(jsonString(j, { "error" }), &keyStatus);
    o.httpStatus = status ? status : keyStatus;
    o.errorMessage = jsonString(j, { "msg" });
    o.finishReason = metrics::finishReasonFromString(jsonString(j, { "finish" }));
    o.attempts = jsonValue<int>(j, { "attempts" }, 1);
    o.redirects = jsonValue<int>(j, { "redirects" }, 0);
    if (const json *reasons = jsonAt(j, { "retries" }); reasons && reasons->is_array()) {
        for (const json &r : *reasons)
            if (r.is_string())
                o.retryReasons << QString::fromStdString(r.get<std::string>());
    }
    o.promptTokens = jsonValue<std::int64_t>(j, { "ptok" }, 0);
    o.completionTokens = jsonValue<std::int64_t>(j, { "ctok" }, 0);
    o.cacheReadTokens = jsonValue<std::int64_t>(j, { "crtok" }, 0);
    o.cacheCreationTokens = jsonValue<std::int64_t>(j, { "cwtok" }, 0);
    o.reasoningTokens = jsonValue<std::int64_t>(j, { "rtok" }, 0);
    o.toolCalls = std::clamp(jsonValue<int>(j, { "tc" }, 0), 0, 1 << 20);
    o.toolCallsInvalid = std::clamp(jsonValue<int>(j, { "tci" }, 0), 0, o.toolCalls);
    o.turn = std::clamp(jsonValue<int>(j, { "turn" }, 0), 0, metrics::kMaxTrackedTurns);
    o.sharedPrefix = std::max(jsonValue<int>(j, { "pfx" }, metrics::kNoSharedPrefixRun), metrics::kNoSharedPrefixRun);
    o.tokensEstimated = jsonValue<bool>(j, { "est" }, false);
    o.modelReturned = jsonString(j, { "returned" });
    o.bytesReceived = jsonValue<std::int64_t>(j, { "bytes" }, 0);
    o.http2 = jsonValue<bool>(j, { "h2" }, false);
    o.streamed = jsonValue<bool>(j, { "stream" }, false);
    o.checksEvaluated = jsonValue<std::uint32_t>(j, { "chk_e" }, 0);
    o.checksPassed = jsonValue<std::uint32_t>(j, { "chk_p" }, 0);
    if (const json *itl = jsonAt(j, { "itl" }); itl && itl->is_array()) {
        o.itlUs.reserve(itl->size());
        for (const json &gap : *itl)
            if (gap.is_number_unsigned())
                o.itlUs.push_back(gap.get<std::uint32_t>());
    }
    if (const json *headers = jsonAt(j, { "hdr" }); headers && headers->is_array()) {
        for (const json &h : *headers) {
            if (o.headers.size() >= std::size_t(metrics::kMaxCapturedHeaders))
                break;
            if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
                o.headers.push_back({ QByteArray::fromStdString(h[0].get<std::string>()).left(128),
                    QByteArray::fromStdString(h[1].get<std::string>()).left(metrics::kMaxHeaderValueBytes) });
        }
    }
    o.requestId = jsonString(j, { "rid" });
    o.rateLimited = jsonValue<int>(j, { "r429" }, 0);
    o.first429Ns = jsonValue<std::int64_t>(j, { "t429" }, -1);
    o.retryAfterMs = jsonValue<std::int64_t>(j, { "ra_ms" }, 0);
    o.retryWaitMs = jsonValue<std::int64_t>(j, { "rw_ms" }, 0);
    o.completionTextTokens = jsonValue<std::int64_t>(j, { "ttok" }, -1); // integrity (issue 14)
    o.direct = jsonValue<bool>(j, { "direct" }, false); // a paired run's direct request
    if (model)
        *model = jsonString(j, { "model" });
    return o;
}

} // namespace stampede::report
