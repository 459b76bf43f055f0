#pragma once
// Turns SIGINT/SIGTERM into a Qt signal on the main thread (self-pipe), so Ctrl-C stops a run
// gracefully instead of killing the process with everything measured lost.

#include <QObject>

class QSocketNotifier;

namespace stampede::cli {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void interrupted(int count); ///< 1 for the first Ctrl-C, 2 for the second, ...

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace stampede::cli
