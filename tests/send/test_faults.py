"""Faults: SIGKILL at each step of queueing and delivering, 20 wrappers at once, racing
flushes, a failing sendmail. Every test ends by counting: each message is delivered
exactly once or still queued, never lost and never sent twice."""

from __future__ import annotations

import signal
import time
from collections import Counter

from sendkit import CALM_BODY, HOT_BODY, LATER, Env, InProcess, message

KILL_AT = "TONECHECK_TEST_KILL_AT"
ARGS = ["-oi", "--", "sam@example.com"]
EX_TEMPFAIL = 75


def mid(n: int) -> str:
    return f"msg-{n}"


def report(name: str, **counts: int) -> None:
    print(f"\nfault-counts {name}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


def test_killed_at_each_step_of_queueing_then_retried(env: Env) -> None:
    """The wrapper dies with SIGKILL after reading, after checking, inside the insert and
    after the commit. The mail client sees a failure and keeps its copy; the user sends
    again. In the end each message is queued exactly once, then delivered exactly once."""
    points = ["read", "checked", "insert", "committed"]
    for n, point in enumerate(points):
        killed = env.run("sendmail", *ARGS, input=message(HOT_BODY, n), extra={KILL_AT: point})
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        expected = [mid(n)] if point == "committed" else []
        assert [i for i in env.queued_ids() if i == mid(n)] == expected, point
    # A calm message killed after its check, before it reached sendmail: nothing went.
    killed = env.run("sendmail", *ARGS, input=message(CALM_BODY, 9), extra={KILL_AT: "checked"})
    assert killed.returncode == -signal.SIGKILL and env.delivered_ids() == []

    # The retries carry a new Date and Message-ID, as a mail client's would.
    for n in range(len(points)):
        retry = message(HOT_BODY, n, attempt=1)
        assert env.run("sendmail", *ARGS, input=retry).returncode == EX_TEMPFAIL
    assert env.run("sendmail", *ARGS, input=message(CALM_BODY, 9, attempt=1)).returncode == 0
    assert Counter(env.queued_ids()) == Counter(mid(n) for n in range(len(points)))
    assert env.delivered_ids() == [mid(9)]

    assert env.run("queue", "flush", now=LATER).returncode == 0
    delivered = Counter(env.delivered_ids())
    assert delivered == Counter(mid(n) for n in [*range(len(points)), 9])
    assert env.rows() == []
    report("kill-while-queueing", kill_points=len(points) + 1, messages=len(points) + 1,
           delivered=sum(delivered.values()), duplicated=sum(c - 1 for c in delivered.values()),
           lost=len(points) + 1 - len(delivered))


def test_killed_at_random_moments_while_queueing(env: Env) -> None:
    """SIGKILL from outside at moments spread over a wrapper's run, then the retry."""
    start = time.monotonic()
    assert env.run("sendmail", *ARGS, input=message(HOT_BODY, 100)).returncode == EX_TEMPFAIL
    span = time.monotonic() - start
    fractions = [0.6, 0.9]
    outcomes = Counter()
    for n, fraction in enumerate(fractions, start=101):
        proc = env.popen("sendmail", *ARGS)
        proc.stdin.write(message(HOT_BODY, n))
        proc.stdin.close()
        time.sleep(span * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        outcomes["killed" if proc.returncode == -signal.SIGKILL else "finished"] += 1
        proc.stdout.close()
        proc.stderr.close()
        assert env.queued_ids().count(mid(n)) <= 1
        retry = message(HOT_BODY, n, attempt=1)
        assert env.run("sendmail", *ARGS, input=retry).returncode == EX_TEMPFAIL
    queued = Counter(env.queued_ids())
    assert queued == Counter(mid(n) for n in range(100, 101 + len(fractions)))
    assert env.delivered_ids() == []
    report("kill-at-random-moments", runs=len(fractions), **outcomes, queued=len(queued),
           duplicated=sum(c - 1 for c in queued.values()))


def test_killed_while_delivering_is_never_sent_twice(env: Env, inproc: InProcess) -> None:
    for n in (1, 2, 3):
        assert inproc.sendmail(message(HOT_BODY, n), *ARGS)[0] == EX_TEMPFAIL
    ids = {mid(int(e.message.split(b"X-Test-Msg: msg-")[1][:1])): e.id
           for e in inproc.queue().entries()}

    # Killed after claiming the first due message, before its sendmail ran.
    died = env.run("queue", "flush", now=LATER, extra={KILL_AT: "claimed"})
    assert died.returncode == -signal.SIGKILL
    assert env.delivered_ids() == []
    first = next(r for r in env.rows() if r["state"] == "sending")

    # Killed after sendmail accepted the next one, before that was recorded.
    died = env.run("queue", "flush", now=LATER, extra={KILL_AT: "delivered"})
    assert died.returncode == -signal.SIGKILL
    [second] = env.delivered_ids()

    # No flush can know what happened to either: both are marked unknown (the first by
    # the flush that died second) and neither is sent again. The third goes.
    result = env.run("queue", "flush", now=LATER)
    assert result.returncode == 1  # unknown outcomes are worth a cron mail
    assert f"unknown {ids[second]}" in result.stderr.decode()
    states = {r["id"]: r["state"] for r in env.rows()}
    assert states == {first["id"]: "unknown", ids[second]: "unknown"}
    assert len(env.delivered_ids()) == 2
    env.run("queue", "flush", now=LATER)
    assert len(env.delivered_ids()) == 2

    # Only the user can decide: release refuses without --force.
    refused = env.run("queue", "release", first["id"], now=LATER)
    assert refused.returncode == 1 and "--force" in refused.stderr.decode()
    assert env.run("queue", "release", first["id"], "--force", now=LATER).returncode == 0
    assert env.run("queue", "drop", ids[second]).returncode == 0
    delivered = Counter(env.delivered_ids())
    assert delivered == Counter([mid(1), mid(2), mid(3)]) and env.rows() == []
    report("kill-while-delivering", kill_points=2, messages=3, delivered=len(delivered),
           duplicated=sum(c - 1 for c in delivered.values()), marked_unknown=2)


def test_twenty_wrappers_at_once_a_failing_sendmail_and_racing_flushes(env: Env) -> None:
    hot = [n for n in range(20) if n % 10 < 7]  # 14 hot, 6 calm
    procs = []
    for n in range(20):
        proc = env.popen("sendmail", *ARGS)
        proc.stdin.write(message(HOT_BODY if n in hot else CALM_BODY, n))
        proc.stdin.close()
        procs.append((n, proc))
    for n, proc in procs:
        assert proc.wait(timeout=300) == (EX_TEMPFAIL if n in hot else 0), proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert Counter(env.queued_ids()) == Counter(mid(n) for n in hot)
    assert Counter(env.delivered_ids()) == Counter(mid(n) for n in range(20) if n not in hot)

    # The real sendmail fails: nothing goes, nothing is lost, every error is recorded.
    env.fake.fail()
    failed = env.run("queue", "flush", now=LATER)
    assert failed.returncode == 1
    rows = env.rows()
    assert len(rows) == len(hot) and all("unreachable" in r["last_error"] for r in rows)
    assert len(env.delivered_ids()) == 20 - len(hot)
    env.fake.fail(False)

    # Three flushes race for the same fourteen messages.
    flushes = [env.popen("queue", "flush", extra={"TONECHECK_NOW": LATER}) for _ in range(3)]
    for proc in flushes:
        proc.stdin.close()
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    delivered = Counter(env.delivered_ids())
    assert delivered == Counter(mid(n) for n in range(20))
    assert env.rows() == []
    report("twenty-at-once", wrappers=20, held=len(hot), passed_through=20 - len(hot),
           racing_flushes=3, delivered=len(delivered),
           duplicated=sum(c - 1 for c in delivered.values()), lost=20 - len(delivered))
