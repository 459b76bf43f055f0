#include "ssedecoder.h"

#include <cstring>

namespace stampede::protocol {

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype BomSize = 3;

// Next occurrence of `c` in [from, end), or `end`. Callers cache the result and only search again
// once they have moved past it, so a chunk is scanned once per delimiter kind, whatever its line
// ends: a CR-only stream must not rescan the rest of the chunk for LF at every line.
const char *findNext(const char *from, const char *end, char c)
{
    const void *hit = std::memchr(from, c, static_cast<size_t>(end - from));
    return hit ? static_cast<const char *>(hit) : end;
}

} // namespace

bool SseDecoder::withinBound(qsizetype lineBytes)
{
    if (m_line.size() + m_data.size() + lineBytes <= m_maxEventBytes)
        return true;
    m_overflowed = true;
    m_line = QByteArray();
    m_data = QByteArray();
    m_hasData = false;
    return false;
}

bool SseDecoder::holdLine(const char *from, const char *to)
{
    if (!withinBound(to - from))
        return false;
    m_line.append(from, to - from);
    return true;
}

int SseDecoder::feed(QByteArrayView bytes, QList<SseEvent> &out)
{
    int added = 0;
    if (m_overflowed)
        return 0;
    m_bytesSeen += bytes.size();
    const char *p = bytes.data();
    const char *const end = p + bytes.size();

    // The BOM may itself arrive split; m_line holds the matched prefix until it is decided (no line
    // can have ended before, so m_line is otherwise empty here).
    while (!m_bomChecked && p < end) {
        if (*p == Bom[m_line.size()]) {
            m_line.append(*p++);
            if (m_line.size() == BomSize) {
                m_line.resize(0);
                m_bomChecked = true;
            }
        } else {
            m_bomChecked = true; // the held bytes were ordinary line content
        }
    }

    // A CR ended the previous feed: an LF right here belongs to the same line end.
    if (m_lastWasCr && p < end) {
        m_lastWasCr = false;
        if (*p == '\n')
            ++p;
    }

    const char *nextLf = nullptr;
    const char *nextCr = nullptr;
    while (p < end) {
        if (!nextLf || nextLf < p)
            nextLf = findNext(p, end, '\n');
        if (!nextCr || nextCr < p)
            nextCr = findNext(p, end, '\r');
        const char *eol = nextLf < nextCr ? nextLf : nextCr;
        if (eol == end) {
            holdLine(p, end);
            break;
        }
        if (m_line.isEmpty()) {
            // A line that arrived whole obeys the same bound as one held across reads: otherwise
            // the verdict (and an "event:" or "id:" field's size) would depend on the split.
            if (!withinBound(eol - p))
                break;
            processLine(QByteArrayView(p, eol), out, added);
        } else {
            if (!holdLine(p, eol))
                break;
            processLine(m_line, out, added);
            m_line.resize(0); // keeps the capacity for the next split line
        }
        if (m_overflowed)
            break;
        p = eol + 1;
        if (*eol == '\r') {
            if (p == end)
                m_lastWasCr = true;
            else if (*p == '\n')
                ++p;
        }
    }
    return added;
}

void SseDecoder::processLine(QByteArrayView line, QList<SseEvent> &out, int &added)
{
    if (line.isEmpty()) {
        // Blank line: dispatch. Per spec an event whose data buffer is empty is dropped; the id
        // ("last event ID") persists across events, the event type does not.
        if (m_hasData) {
            SseEvent ev;
            ev.event = m_event;
            ev.data = std::move(m_data);
            ev.id = m_id;
            out.append(std::move(ev));
            ++added;
        }
        m_data = QByteArray();
        m_event = QByteArray();
        m_hasData = false;
        return;
    }
    if (line.front() == ':')
        return; // comment

    QByteArrayView field = line;
    QByteArrayView value;
    if (const void *colon = std::memchr(line.data(), ':', static_cast<size_t>(line.size()))) {
        const qsizetype at = static_cast<const char *>(colon) - line.data();
        field = line.first(at);
        value = line.sliced(at + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }

    if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_maxEventBytes) { // many data lines, no blank line
            m_overflowed = true;
            m_data = QByteArray();
            m_hasData = false;
            return;
        }
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value.toByteArray();
    }
    // "retry" and unknown fields are ignored: the engine has its own retry policy.
}

bool SseDecoder::hasPartialEvent() const
{
    return m_hasData || !m_line.isEmpty();
}

void SseDecoder::reset()
{
    const qsizetype bound = m_maxEventBytes;
    *this = SseDecoder();
    m_maxEventBytes = bound;
}

} // namespace stampede::protocol
