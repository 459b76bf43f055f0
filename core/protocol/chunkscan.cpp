#include "protocol/chunkscan.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>

namespace stampede::protocol::detail {

namespace {

constexpr int kMaxDepth = 64;

/// One pass of a JSON text. Every method returns false for "let the DOM parser decide": a syntax
/// error, or a shape this scanner does not reproduce exactly.
class Scanner
{
public:
    explicit Scanner(QByteArrayView data)
        : m_p(data.data())
        , m_end(data.data() + data.size())
    {
    }

    /// A chunk (`messageKey` "delta") or a whole completion ("message"; `hasChoices` set).
    template <typename Info> bool document(Info &info, QByteArrayView messageKey, bool *hasChoices)
    {
        if (!m_p)
            return false;
        ws();
        bool model = false, usage = false, choices = false;
        const bool ok = object([&](QByteArrayView key) {
            if (key == "model")
                return once(model)
                    && (peek() == '"' ? stringInto(&m_text) && (info.model = utf8(m_text), true) : skip());
            if (key == "usage")
                return once(usage) && (peek() == '{' ? usageObject(info) : skip());
            if (key == "error")
                return literal("null", 4); // an error object: the DOM path words it
            if (key == "choices")
                return once(choices) && (peek() == '[' ? choiceArray(info, messageKey, hasChoices) : skip());
            return skip();
        });
        ws();
        if (!ok || m_p != m_end)
            return false;
        info.valid = true;
        return true;
    }

private:
    static bool once(bool &seen) { return !std::exchange(seen, true); } // a repeated key: DOM decides
    static QString utf8(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    void ws()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool expect(char c)
    {
        ws();
        if (m_p >= m_end || *m_p != c)
            return false;
        ++m_p;
        ws();
        return true;
    }
    bool literal(const char *text, std::ptrdiff_t n)
    {
        if (m_end - m_p < n || std::memcmp(m_p, text, std::size_t(n)) != 0)
            return false;
        m_p += n;
        return true;
    }

    /// `open item , item ... close` (or empty): the shape of both objects and arrays.
    template <typename Item> bool sequence(char open, char close, Item &&item)
    {
        if (++m_depth > kMaxDepth || !expect(open))
            return false;
        bool first = true;
        for (;;) {
            if (first && peek() == close)
                break;
            first = false;
            if (!item())
                return false;
            ws();
            if (peek() != ',')
                break;
            ++m_p;
            ws();
        }
        if (peek() != close)
            return false;
        ++m_p;
        --m_depth;
        return true;
    }

    /// `{ "key": value, ... }`; `member(key)` must consume the value. Keys with escapes fall back.
    template <typename Member> bool object(Member &&member)
    {
        return sequence('{', '}', [&] {
            if (peek() != '"')
                return false;
            const char *keyStart = ++m_p;
            while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20
                && static_cast<unsigned char>(*m_p) < 0x80)
                ++m_p;
            if (m_p >= m_end || *m_p != '"')
                return false;
            const QByteArrayView key(keyStart, m_p - keyStart);
            ++m_p;
            return expect(':') && member(key);
        });
    }

    /// `[ value, ... ]`; `element()` must consume each value.
    template <typename Element> bool array(Element &&element) { return sequence('[', ']', element); }

    bool skip()
    {
        switch (peek()) {
        case '{':
            return object([this](QByteArrayView) { return skip(); });
        case '[':
            return array([this] { return skip(); });
        case '"':
            return stringInto(nullptr);
        case 't':
            return literal("true", 4);
        case 'f':
            return literal("false", 5);
        case 'n':
            return literal("null", 4);
        default:
            return number(nullptr);
        }
    }

    /// A JSON number. With `plain`, also whether it is a non-negative integer that fits qint64.
    bool number(std::optional<qint64> *plain)
    {
        const char *start = m_p;
        if (peek() == '-')
            ++m_p;
        if (peek() == '0') {
            ++m_p;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9')
                ++m_p;
        } else {
            return false;
        }
        bool integer = true;
        if (peek() == '.') {
            integer = false;
            ++m_p;
            if (!(peek() >= '0' && peek() <= '9'))
                return false;
            while (peek() >= '0' && peek() <= '9')
                ++m_p;
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            ++m_p;
            if (peek() == '+' || peek() == '-')
                ++m_p;
            if (!(peek() >= '0' && peek() <= '9'))
                return false;
            while (peek() >= '0' && peek() <= '9')
                ++m_p;
        }
        const bool small = integer && m_p - start <= 18;
        if (!small && !finite(start, m_p)) // 1e999 or 400 digits: the DOM refuses it (overflow)
            return false;
        if (!plain)
            return true;
        if (!small || *start == '-') // negatives, fractions, huge: DOM decides
            return false;
        qint64 value = 0;
        for (const char *d = start; d < m_p; ++d)
            value = value * 10 + (*d - '0');
        *plain = value;
        return true;
    }

    /// Whether the number reads as a finite double; an overflow or underflow leaves it to the DOM.
    static bool finite(const char *first, const char *last)
    {
        double value = 0;
        const auto [end, error] = std::from_chars(first, last, value);
        return error == std::errc() && end == last && std::isfinite(value);
    }

    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }
    bool hex4(char32_t &out)
    {
        if (m_end - m_p < 4)
            return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(m_p[i]);
            if (h < 0)
                return false;
            out = out * 16 + char32_t(h);
        }
        m_p += 4;
        return true;
    }
    static void appendUtf8(std::string &out, char32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }
    /// Length of the valid UTF-8 sequence at m_p (RFC 3629: no overlongs, no surrogates), or 0.
    int utf8Sequence() const
    {
        const auto *s = reinterpret_cast<const unsigned char *>(m_p);
        const std::ptrdiff_t left = m_end - m_p;
        const auto cont = [&](int i) { return i < left && (s[i] & 0xC0) == 0x80; };
        if (s[0] >= 0xC2 && s[0] <= 0xDF)
            return cont(1) ? 2 : 0;
        if (s[0] >= 0xE0 && s[0] <= 0xEF) {
            if (!cont(1) || !cont(2))
                return 0;
            if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F))
                return 0;
            return 3;
        }
        if (s[0] >= 0xF0 && s[0] <= 0xF4) {
            if (!cont(1) || !cont(2) || !cont(3))
                return 0;
            if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
                return 0;
            return 4;
        }
        return 0;
    }

    /// A string at m_p (on its opening quote); decoded into `out` when given.
    bool stringInto(std::string *out)
    {
        if (peek() != '"')
            return false;
        ++m_p;
        if (out)
            out->clear();
        for (;;) {
            const char *run = m_p;
            while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20
                && static_cast<unsigned char>(*m_p) < 0x80)
                ++m_p;
            if (out)
                out->append(run, std::size_t(m_p - run));
            if (m_p >= m_end)
                return false;
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c >= 0x80) {
                const int n = utf8Sequence();
                if (n == 0)
                    return false;
                if (out)
                    out->append(m_p, std::size_t(n));
                m_p += n;
                continue;
            }
            if (!escape(out))
                return false;
        }
    }
    bool escape(std::string *out)
    {
        if (m_end - m_p < 2)
            return false;
        const char e = m_p[1];
        m_p += 2;
        char plain = 0;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            plain = e;
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u': {
            char32_t cp = 0;
            if (!hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF))
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (!literal("\\u", 2) || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            if (out)
                appendUtf8(*out, cp);
            return true;
        }
        default:
            return false;
        }
        if (out)
            *out += plain;
        return true;
    }

    template <typename Info> bool usageObject(Info &info)
    {
        std::optional<qint64> prompt, completion, cached, reasoning;
        bool seenPrompt = false, seenCompletion = false, seenCached = false, seenReasoning = false;
        bool seenPromptDetails = false, seenCompletionDetails = false;
        const auto count = [this](bool &seen, std::optional<qint64> &value) {
            if (!once(seen))
                return false;
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return number(&value);
            return skip(); // null, a string, ...: not a count
        };
        // {"cached_tokens": n} or {"reasoning_tokens": n}: one count in a details object.
        const auto details = [&](bool &seenObject, const char *name, bool &seen, std::optional<qint64> &value) {
            if (!once(seenObject))
                return false;
            if (peek() != '{')
                return skip();
            return object([&](QByteArrayView key) { return key == name ? count(seen, value) : skip(); });
        };
        const bool ok = object([&](QByteArrayView key) {
            if (key == "prompt_tokens")
                return count(seenPrompt, prompt);
            if (key == "completion_tokens")
                return count(seenCompletion, completion);
            if (key == "prompt_tokens_details")
                return details(seenPromptDetails, "cached_tokens", seenCached, cached);
            if (key == "completion_tokens_details")
                return details(seenCompletionDetails, "reasoning_tokens", seenReasoning, reasoning);
            return skip();
        });
        if (ok && (prompt || completion)) {
            Usage usage;
            usage.promptTokens = prompt.value_or(0);
            usage.completionTokens = completion.value_or(0);
            usage.cachedTokens = std::clamp<qint64>(cached.value_or(0), 0, usage.promptTokens);
            if (reasoning)
                usage.reasoningTokens = std::max<qint64>(0, *reasoning);
            info.usage = usage;
        }
        return ok;
    }

    template <typename Info> bool choiceArray(Info &info, QByteArrayView messageKey, bool *hasChoices)
    {
        int count = 0;
        const bool ok = array([&] {
            ++count;
            return peek() == '{' ? choice(info, messageKey) : skip();
        });
        if (hasChoices)
            *hasChoices = count > 0;
        return ok;
    }

    template <typename Info> bool choice(Info &info, QByteArrayView messageKey)
    {
        bool delta = false, finish = false;
        std::string parts[3]; // content, reasoning_content, reasoning: the DOM path's order
        bool tools = false;
        const bool ok = object([&](QByteArrayView key) {
            if (key == messageKey)
                return once(delta) && (peek() == '{' ? messageObject(parts, tools) : skip());
            if (key == "finish_reason") {
                if (!once(finish))
                    return false;
                if (peek() != '"')
                    return skip();
                if (!stringInto(&m_text))
                    return false;
                if (info.finishReason.isEmpty())
                    info.finishReason = utf8(m_text);
                return true;
            }
            return skip();
        });
        if (!ok)
            return false;
        for (const std::string &part : parts) {
            if (!part.empty()) {
                info.hasContent = true;
                info.contentText += utf8(part);
            }
        }
        info.hasContent = info.hasContent || tools;
        return true;
    }

    bool messageObject(std::string (&parts)[3], bool &tools)
    {
        bool seen[4] = {};
        return object([&](QByteArrayView key) {
            const int slot = key == "content" ? 0 : key == "reasoning_content" ? 1 : key == "reasoning" ? 2 : -1;
            if (slot >= 0) {
                if (!once(seen[slot]) || peek() == '[')
                    return false; // content parts: the DOM path joins them
                return peek() == '"' ? stringInto(&parts[slot]) : skip();
            }
            if (key == "tool_calls") {
                if (!once(seen[3]))
                    return false;
                if (peek() != '[')
                    return skip();
                const char *open = m_p;
                if (!skip())
                    return false;
                // Non-empty when anything but whitespace stands between the brackets. The calls'
                // pieces (index, name, argument fragments) are the DOM reader's: decline, so it reads
                // them (a tool-calling stream's chunks take the slower path; text chunks do not).
                for (const char *q = open + 1; q < m_p - 1; ++q) {
                    if (*q != ' ' && *q != '\n' && *q != '\r' && *q != '\t') {
                        tools = true;
                        return false;
                    }
                }
                return true;
            }
            return skip();
        });
    }

    const char *m_p;
    const char *const m_end;
    int m_depth = 0;
    std::string m_text; ///< scratch for model / finish_reason
};

} // namespace

bool scanStreamChunk(QByteArrayView data, ChunkInfo &info)
{
    ChunkInfo scanned;
    if (!Scanner(data).document(scanned, "delta", nullptr))
        return false;
    info = std::move(scanned);
    return true;
}

bool scanCompletion(QByteArrayView data, CompletionInfo &info)
{
    CompletionInfo scanned;
    if (!Scanner(data).document(scanned, "message", &scanned.hasChoices))
        return false;
    info = std::move(scanned);
    return true;
}

} // namespace stampede::protocol::detail
