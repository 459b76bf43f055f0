#pragma once
// A non-modal strip above the main area for things the user should read but need not answer:
// a failed preflight (with its full report under "Details"), engine notices such as
// "stream_options rejected", a file that could not be opened. Dismissed with its close button.

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace stampede::ui {

class NoticeBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };

    explicit NoticeBanner(QWidget *parent = nullptr);

    /// Replaces what is shown. `details` (monospace, several lines) sits behind a "Details" button.
    void showMessage(Kind kind, const QString &message, const QString &details = {});
    /// Adds a line to an info/warning banner (deduplicated), or opens one.
    void appendNotice(const QString &text);
    void dismiss();

    Kind kind() const { return m_kind; }
    QString message() const;
    QString details() const;

private:
    void applyKind();

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_detailsButton;
    QToolButton *m_close;
    QPlainTextEdit *m_details;
};

} // namespace stampede::ui
