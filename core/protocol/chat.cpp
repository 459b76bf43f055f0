#include "chat.h"

#include "protocol/chunkscan.h"
#include "protocol/headers.h"
#include "protocol/toolsjson.h"

#include <QStringList>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace stampede::protocol {

namespace {

using Json = nlohmann::json;

// Parses without exceptions: a body that is not JSON yields a "discarded" value, which is not an
// object, so every caller's shape checks fail safely.
Json parseJson(QByteArrayView bytes)
{
    const char *begin = bytes.data();
    if (!begin)
        return Json(Json::value_t::discarded);
    return Json::parse(begin, begin + bytes.size(), nullptr, /*allow_exceptions=*/false);
}

const Json *member(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString toQString(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/// The string at object[key], or empty when missing or not a string.
QString stringMember(const Json &object, const char *key)
{
    const Json *v = member(object, key);
    return v && v->is_string() ? toQString(v->get_ref<const std::string &>()) : QString();
}

/// Message text: a plain string, or an array of content parts ({"type":"text","text":...}).
QString textOf(const Json *v)
{
    if (!v)
        return {};
    if (v->is_string())
        return toQString(v->get_ref<const std::string &>());
    QString text;
    if (v->is_array()) {
        for (const Json &part : *v)
            text += part.is_string() ? toQString(part.get_ref<const std::string &>()) : stringMember(part, "text");
    }
    return text;
}

std::optional<qint64> tokenCount(const Json &usage, const char *key)
{
    const Json *v = member(usage, key);
    if (!v)
        return std::nullopt;
    if (v->is_number_unsigned())
        return static_cast<qint64>(
            std::min<std::uint64_t>(v->get<std::uint64_t>(), std::numeric_limits<qint64>::max()));
    if (v->is_number_integer())
        return std::max<qint64>(0, v->get<std::int64_t>());
    if (v->is_number_float()) {
        const double d = v->get<double>();
        if (std::isfinite(d) && d >= 0 && d < 9e18)
            return static_cast<qint64>(d);
    }
    return std::nullopt;
}

/// "usage": null (sent on every chunk but the last by some servers) means absent.
std::optional<Usage> usageOf(const Json &root)
{
    const Json *usage = member(root, "usage");
    if (!usage || !usage->is_object())
        return std::nullopt;
    const auto prompt = tokenCount(*usage, "prompt_tokens");
    const auto completion = tokenCount(*usage, "completion_tokens");
    if (!prompt && !completion)
        return std::nullopt;
    Usage out;
    out.promptTokens = prompt.value_or(0);
    out.completionTokens = completion.value_or(0);
    if (const Json *details = member(*usage, "prompt_tokens_details"); details && details->is_object())
        out.cachedTokens = std::min(tokenCount(*details, "cached_tokens").value_or(0), out.promptTokens);
    if (const Json *details = member(*usage, "completion_tokens_details"); details && details->is_object())
        out.reasoningTokens = tokenCount(*details, "reasoning_tokens");
    return out;
}

/// {"error":{"message":...}} or {"error":"text"}; empty when there is no usable error member.
QString errorOf(const Json &root)
{
    const Json *error = member(root, "error");
    if (!error || error->is_null())
        return {};
    if (error->is_string())
        return toQString(error->get_ref<const std::string &>()).trimmed();
    for (const char *key : { "message", "detail", "type", "code" }) {
        const QString text = stringMember(*error, key).trimmed();
        if (!text.isEmpty())
            return text;
    }
    if (error->is_boolean() && !error->get<bool>())
        return {}; // {"error": false, ...} reports success
    // No text to show: the error value itself, compact, is still more useful than nothing.
    const std::string dumped = error->dump(-1, ' ', false, Json::error_handler_t::replace);
    return toQString(dumped.substr(0, 200));
}

/// What one choice's delta (streamed) or message (whole) carries.
struct ChoiceText {
    bool hasContent = false;
    QString text;
    QList<ToolCallPiece> toolCalls;
};

/// `whole`: a completion's message (each call complete), else a streamed delta (fragments).
ChoiceText choiceText(const Json *message, bool whole)
{
    ChoiceText out;
    if (!message || !message->is_object())
        return out;
    // Role-only deltas ({"role":"assistant","content":""}) carry nothing: they must not stamp TTFT.
    for (const char *key : { "content", "reasoning_content", "reasoning" }) {
        const QString text = textOf(member(*message, key));
        if (!text.isEmpty()) {
            out.hasContent = true;
            out.text += text;
        }
    }
    if (const Json *tools = member(*message, "tool_calls"); tools && tools->is_array() && !tools->empty()) {
        out.hasContent = true;
        for (const Json &call : *tools) {
            if (!call.is_object())
                continue;
            ToolCallPiece piece;
            if (const Json *index = member(call, "index"); index && index->is_number_integer())
                piece.index = int(std::clamp<qint64>(index->get<qint64>(), 0, 1 << 20));
            if (const Json *function = member(call, "function"); function && function->is_object()) {
                piece.name = stringMember(*function, "name");
                piece.arguments = stringMember(*function, "arguments");
            }
            piece.whole = whole;
            if (whole)
                piece.index = -1; // a whole answer's list: one call each, in order
            out.toolCalls.append(std::move(piece));
        }
    }
    return out;
}

/// Walks every choice (n > 1 streams interleave indices), collecting content and the finish reason.
template <typename Info>
void readChoices(const Json &root, const char *messageKey, Info &info, bool *hasChoices = nullptr)
{
    const Json *choices = member(root, "choices");
    if (!choices || !choices->is_array())
        return;
    if (hasChoices)
        *hasChoices = !choices->empty();
    for (const Json &choice : *choices) {
        const ChoiceText c = choiceText(member(choice, messageKey), std::is_same_v<Info, CompletionInfo>);
        info.hasContent = info.hasContent || c.hasContent;
        info.contentText += c.text;
        info.toolCalls += c.toolCalls;
        if (info.finishReason.isEmpty())
            info.finishReason = stringMember(choice, "finish_reason");
    }
}

std::string toStd(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), static_cast<size_t>(utf8.size()));
}

/// FastAPI validation errors: [{"loc":["body","stream_options"],"msg":"...","type":...}, ...].
QString fastApiDetail(const Json &detail)
{
    QStringList parts;
    for (const Json &item : detail) {
        QString msg = item.is_string() ? toQString(item.get_ref<const std::string &>()) : stringMember(item, "msg");
        if (msg.isEmpty())
            continue;
        QStringList loc;
        if (const Json *l = member(item, "loc"); l && l->is_array()) {
            for (const Json &segment : *l) {
                if (segment.is_string())
                    loc << toQString(segment.get_ref<const std::string &>());
                else if (segment.is_number_integer())
                    loc << QString::number(segment.get<std::int64_t>());
            }
        }
        parts << (loc.isEmpty() ? msg : loc.join(QLatin1Char('.')) + QStringLiteral(": ") + msg);
    }
    return parts.join(QStringLiteral("; "));
}

QString jsonErrorMessage(const Json &root)
{
    if (QString text = errorOf(root); !text.isEmpty())
        return text;
    if (QString text = stringMember(root, "message").trimmed(); !text.isEmpty())
        return text;
    if (const Json *detail = member(root, "detail")) {
        if (detail->is_string())
            return toQString(detail->get_ref<const std::string &>()).trimmed();
        if (detail->is_array())
            return fastApiDetail(*detail).trimmed();
    }
    return {};
}

/// The first `limit` bytes as one line of text: cut on a UTF-8 boundary, invalid bytes replaced,
/// control characters turned into spaces and runs of whitespace collapsed.
QString textPreview(QByteArrayView body, qsizetype limit)
{
    qsizetype n = std::min(body.size(), limit);
    if (n < body.size()) {
        while (n > 0 && (static_cast<unsigned char>(body[n]) & 0xC0) == 0x80)
            --n; // body[n] continues a sequence: do not split it
    }
    QString text = QString::fromUtf8(body.first(n));
    for (QChar &ch : text) {
        if (ch.category() == QChar::Other_Control)
            ch = QLatin1Char(' ');
    }
    return text.simplified();
}

bool isCjk(char32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) // Hangul Jamo
        || (cp >= 0x2E80 && cp <= 0x2FDF) // CJK radicals, Kangxi radicals
        || (cp >= 0x3000 && cp <= 0x303F) // CJK symbols and punctuation
        || (cp >= 0x3040 && cp <= 0x30FF) // Hiragana, Katakana
        || (cp >= 0x3130 && cp <= 0x318F) // Hangul compatibility Jamo
        || (cp >= 0x31F0 && cp <= 0x31FF) // Katakana phonetic extensions
        || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
        || (cp >= 0xA960 && cp <= 0xA97F) // Hangul Jamo extended A
        || (cp >= 0xAC00 && cp <= 0xD7FF) // Hangul syllables, Jamo extended B
        || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
        || (cp >= 0xFF00 && cp <= 0xFFEF) // half- and full-width forms
        || (cp >= 0x20000 && cp <= 0x3FFFF); // CJK extensions B and later
}

} // namespace

QByteArray buildChatRequestBody(const ChatRequestSpec &spec)
{
    // ordered_json keeps the familiar field order, which makes logged bodies easy to read.
    nlohmann::ordered_json messages = nlohmann::ordered_json::array();
    if (!spec.systemPrompt.isEmpty())
        messages.push_back({ { "role", "system" }, { "content", toStd(spec.systemPrompt) } });
    if (spec.messages.isEmpty())
        messages.push_back({ { "role", "user" }, { "content", toStd(spec.userPrompt) } });
    for (const ChatMessage &m : spec.messages) // a conversation: its own roles, in order
        messages.push_back({ { "role", toStd(m.role) }, { "content", toStd(m.content) } });

    nlohmann::ordered_json body;
    body["model"] = toStd(spec.model);
    body["messages"] = std::move(messages);
    body["max_tokens"] = spec.maxTokens;
    body["temperature"] = spec.temperature;
    body["stream"] = spec.stream;
    if (spec.stream && spec.includeUsage)
        body["stream_options"] = { { "include_usage", true } };
    if (!spec.tools.isEmpty()) {
        nlohmann::ordered_json tools = nlohmann::ordered_json::array();
        for (const ToolDeclaration &tool : spec.tools)
            tools.push_back({ { "type", "function" }, { "function", detail::functionJson(tool, "parameters") } });
        body["tools"] = std::move(tools);
        if (spec.toolChoice == u"auto" || spec.toolChoice == u"required" || spec.toolChoice == u"none")
            body["tool_choice"] = toStd(spec.toolChoice);
        else if (!spec.toolChoice.isEmpty())
            body["tool_choice"] = { { "type", "function" }, { "function", { { "name", toStd(spec.toolChoice) } } } };
    }
    // UTF-8 passes through unescaped (valid JSON); `replace` guards against lone surrogates.
    const std::string text = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

namespace {

/// A chunk (`messageKey` "delta") or a whole completion ("message") read through the nlohmann DOM.
template <class Info> Info parseDom(QByteArrayView data, const char *messageKey)
{
    Info info;
    try {
        const Json root = parseJson(data);
        if (!root.is_object())
            return info;
        info.valid = true;
        info.model = stringMember(root, "model");
        info.usage = usageOf(root);
        info.errorMessage = errorOf(root);
        if constexpr (std::is_same_v<Info, CompletionInfo>)
            readChoices(root, messageKey, info, &info.hasChoices);
        else
            readChoices(root, messageKey, info);
    } catch (const std::exception &) {
        info = Info(); // unreachable with the checks above; a reply must never take down a worker
    }
    return info;
}

} // namespace

ChunkInfo parseStreamChunk(QByteArrayView data)
{
    ChunkInfo info;
    if (detail::scanStreamChunk(data, info))
        return info;
    return detail::parseStreamChunkDom(data);
}

ChunkInfo detail::parseStreamChunkDom(QByteArrayView data)
{
    return parseDom<ChunkInfo>(data, "delta");
}

CompletionInfo parseCompletion(QByteArrayView body)
{
    CompletionInfo info;
    if (detail::scanCompletion(body, info))
        return info;
    return detail::parseCompletionDom(body);
}

CompletionInfo detail::parseCompletionDom(QByteArrayView body)
{
    return parseDom<CompletionInfo>(body, "message");
}

QString errorMessageFromBody(QByteArrayView body, const QString &secret)
{
    try {
        const Json root = parseJson(body);
        if (root.is_object()) {
            if (QString text = jsonErrorMessage(root); !text.isEmpty())
                return keptServerText(text, secret);
        }
    } catch (const std::exception &) {
    }
    if (secret.size() < 4)
        return redactSecrets(textPreview(body, 200), secret);
    // Redact before the 200-byte cut: a key that straddles the cut must not leave its front half.
    const QByteArrayView head
        = body.first(std::min<qsizetype>(body.size(), 200 + 4 * std::max<qsizetype>(secret.size(), 64)));
    return textPreview(redactSecrets(QString::fromUtf8(head), secret).toUtf8(), 200);
}

std::optional<QStringList> parseModelList(QByteArrayView body)
{
    try {
        const Json root = parseJson(body);
        const Json *data = member(root, "data");
        if (!data || !data->is_array())
            return std::nullopt;
        QStringList ids;
        for (const Json &entry : *data) {
            const QString id = stringMember(entry, "id");
            if (!id.isEmpty())
                ids << id;
        }
        return ids;
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

void TokenTally::add(QStringView text)
{
    const QChar *p = text.data();
    const QChar *const end = p + text.size();
    while (p < end) {
        char32_t cp = p->unicode();
        if (p->isHighSurrogate() && p + 1 < end && p[1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(p[0], p[1]);
            ++p;
        }
        ++p;
        ++(isCjk(cp) ? m_cjk : m_other);
    }
}

qint64 estimateTokens(const QString &text)
{
    TokenTally tally;
    tally.add(text);
    return tally.estimate();
}

bool rejectsStreamOptions(int httpStatus, QByteArrayView body)
{
    if (httpStatus != 400 && httpStatus != 422)
        return false;
    const QByteArray lower = body.toByteArray().toLower();
    return lower.contains("stream_options") || lower.contains("include_usage");
}

} // namespace stampede::protocol
