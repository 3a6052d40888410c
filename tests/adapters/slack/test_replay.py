"""The replay guard remembers signatures in the database (issue 12, item 2)."""

from adapters.slack.replay import WINDOW, ReplayGuard


async def test_a_signature_is_served_once_even_across_a_restart_and_pruned_after_the_window(
    db_path,
):
    now = [1000.0]
    guard = ReplayGuard(str(db_path), clock=lambda: now[0])
    assert await guard.fresh("v0=a", stamp=1000) and not await guard.fresh("v0=a", stamp=1000)
    guard.close()
    guard = ReplayGuard(str(db_path), clock=lambda: now[0])  # restarted inside the window
    try:
        assert not await guard.fresh("v0=a", stamp=1000)
        now[0] += WINDOW
        assert await guard.fresh("v0=b", stamp=now[0])
        assert await guard.seen.count() == 2
        now[0] += 1  # "a" is now older than Bolt's own window allows: pruned
        assert await guard.fresh("v0=c", stamp=now[0])
        assert await guard.seen.count() == 2
        assert not await guard.fresh("v0=b", stamp=now[0] - 1)  # still within its window
    finally:
        guard.close()
