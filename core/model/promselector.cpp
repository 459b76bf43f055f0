#include "model/promselector.h"

#include <algorithm>

namespace stampede::model {

namespace {

void skipSpaces(QByteArrayView text, qsizetype &pos)
{
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
        ++pos;
}

char peek(QByteArrayView text, qsizetype pos)
{
    return pos < text.size() ? text[pos] : '\0';
}

/// A metric name (colons allowed) or a label name (no colon); empty when none starts at pos.
QString readName(QByteArrayView text, qsizetype &pos, bool allowColon)
{
    const qsizetype start = pos;
    auto ok = [allowColon](char c, bool first) {
        return (first ? isPromNameStart(c) : isPromNameChar(c)) && (allowColon || c != ':');
    };
    if (pos >= text.size() || !ok(text[pos], true))
        return {};
    while (pos < text.size() && ok(text[pos], false))
        ++pos;
    return QString::fromUtf8(text.sliced(start, pos - start));
}

QString escaped(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('"'), QLatin1String("\\\""));
    out.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return out;
}

/// The `{...}` of a selector; pos is on '{'.
bool readMatchers(QByteArrayView text, qsizetype &pos, QList<PromMatcher> &out, QString &error)
{
    ++pos;
    for (;;) {
        skipSpaces(text, pos);
        if (peek(text, pos) == '}') {
            ++pos;
            return true;
        }
        PromMatcher matcher;
        matcher.label = readName(text, pos, false);
        if (matcher.label.isEmpty()) {
            error = QStringLiteral("expected a label name");
            return false;
        }
        skipSpaces(text, pos);
        matcher.negate = peek(text, pos) == '!';
        pos += matcher.negate ? 1 : 0;
        if (peek(text, pos) != '=') {
            error = QStringLiteral("expected '=' or '!=' after label %1").arg(matcher.label);
            return false;
        }
        ++pos;
        skipSpaces(text, pos);
        if (!readPromQuoted(text, pos, matcher.value, error))
            return false;
        out.append(matcher);
        skipSpaces(text, pos);
        if (peek(text, pos) == ',')
            ++pos;
        else if (peek(text, pos) != '}') {
            error = QStringLiteral("expected ',' or '}' after a label value");
            return false;
        }
    }
}

} // namespace

bool isPromNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isPromNameChar(char c)
{
    return isPromNameStart(c) || (c >= '0' && c <= '9');
}

bool readPromQuoted(QByteArrayView text, qsizetype &pos, QString &out, QString &error)
{
    if (peek(text, pos) != '"') {
        error = QStringLiteral("expected '\"' to open a label value");
        return false;
    }
    ++pos;
    QByteArray bytes;
    while (pos < text.size()) {
        const char ch = text[pos++];
        if (ch == '"') {
            out = QString::fromUtf8(bytes);
            return true;
        }
        if (ch != '\\') {
            bytes.append(ch);
            continue;
        }
        const char next = peek(text, pos++);
        if (next == '\\' || next == '"')
            bytes.append(next);
        else if (next == 'n')
            bytes.append('\n');
        else {
            error = QStringLiteral("unknown escape in a label value");
            return false;
        }
    }
    error = QStringLiteral("unterminated label value");
    return false;
}

bool PromSelector::matches(const PromLabels &labels) const
{
    return std::all_of(matchers.cbegin(), matchers.cend(), [&labels](const PromMatcher &m) {
        QString value;
        for (const auto &[key, v] : labels) {
            if (key == m.label)
                value = v;
        }
        return (value == m.value) != m.negate;
    });
}

QString PromSelector::toString() const
{
    if (matchers.isEmpty())
        return name;
    QStringList parts;
    for (const PromMatcher &m : matchers)
        parts << m.label + (m.negate ? QStringLiteral("!=\"") : QStringLiteral("=\"")) + escaped(m.value)
                + QLatin1Char('"');
    return name + QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

std::optional<PromSelector> parsePromSelector(const QString &text, QString *error)
{
    const QByteArray bytes = text.trimmed().toUtf8();
    qsizetype pos = 0;
    PromSelector selector;
    selector.name = readName(bytes, pos, true);
    QString why;
    if (selector.name.isEmpty())
        why = QStringLiteral("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
    skipSpaces(bytes, pos);
    if (why.isEmpty() && peek(bytes, pos) == '{' && readMatchers(bytes, pos, selector.matchers, why))
        skipSpaces(bytes, pos);
    if (why.isEmpty() && pos < bytes.size())
        why = QStringLiteral("unexpected text after the selector");
    if (why.isEmpty())
        return selector;
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace stampede::model
