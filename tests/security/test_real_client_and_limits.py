"""Issue 22, items 1 and 13: limits count the real client; valid seats are never blocked."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from chatdojo.store.ratelimit import JOIN_RULES
from chatdojo.webguard.netserver import forwarded_client, parse_proxies

from .conftest import join, xsrf

WRONG = JOIN_RULES["client"].amount  # wrong codes an address may type per window


def guess(client, times: int) -> list[int]:
    return [client.get(f"/room/ZZZZ{i:04d}").status_code for i in range(times)]


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(guarded):
    """Does a client naming itself in X-Forwarded-For change nothing unless the peer is a proxy?"""
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    open_server = guarded(trusted=())
    assert open_server.client().get("/echo", headers=headers).json() == {
        "ip": "127.0.0.1",
        "protocol": "http",
    }
    behind_proxy = guarded(trusted=("127.0.0.1",))
    # The proxy appends the peer it saw; a client's own forged first hop is not believed.
    chained = {**headers, "X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    assert behind_proxy.client().get("/echo", headers=chained).json() == {
        "ip": "203.0.113.9",
        "protocol": "https",
    }


def test_proxy_list_and_chain_parsing():
    """Are bad proxy addresses named, and is the last hop that is not a proxy the client?"""
    assert parse_proxies(" 127.0.0.1,::1 ,") == {"127.0.0.1", "::1"}
    with pytest.raises(ValueError, match="nginx.local"):
        parse_proxies("127.0.0.1,nginx.local")
    trusted = frozenset({"10.0.0.2"})
    assert forwarded_client({"X-Forwarded-For": "1.2.3.4, 10.0.0.2"}, trusted) == "1.2.3.4"
    assert forwarded_client({"X-Forwarded-For": "junk"}, trusted) is None


def test_one_guesser_does_not_lock_out_the_hall(guarded):
    """After a guesser's 20 wrong codes, do seated phones and the trainer at the same address
    (one Wi-Fi router) still get their pages and streams, and do other addresses still join?"""
    g = guarded()
    code, token = g.room(late_join=True)
    hall = "198.51.100.7"
    phone = join(g, code, "Aiko", via=hall)
    trainer = g.client(hall, follow_redirects=True)
    assert trainer.get(f"/room/{code}/trainer?token={token}").status_code == 200

    guesser = g.client(hall)
    assert 429 not in guess(guesser, WRONG) and guess(guesser, 2) == [429, 429]

    assert phone.get(f"/room/{code}").status_code == 200
    with phone.stream("GET", f"/room/{code}/events?as=phone") as stream:
        assert stream.status_code == 200
    assert trainer.get(f"/room/{code}/trainer").status_code == 200
    late = g.client(hall, follow_redirects=True)  # a fresh trainer link still works
    assert late.get(f"/room/{code}/trainer?token={token}").status_code == 200
    # Another address behind the same proxy is a different client.
    join(g, code, "Ben", via="198.51.100.8")
    # The guesser itself stays blocked, also for the right code without a seat.
    assert g.client(hall).get(f"/room/{code}").status_code == 429


def learner_post(client, fields: dict[str, str]):
    return client.post(
        "/chatdojo/learner",
        data=fields,
        headers={"Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )


def status(response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response.headers["location"]).query)


def test_learner_limits_count_real_clients_and_spare_cookie_holders(guarded):
    """Do new-learner and resume limits count each client behind the proxy, and does a learner
    with a valid cookie resume although guessers at the same address used up the limit?"""
    g = guarded()
    first = g.client("192.0.2.1")
    made = learner_post(first, {"action": "new", "name": "A", "next": "/p"})
    assert status(made)["learner_status"] == ["new"]
    own_code = made.cookies["chatdojo_learner"]
    for _ in range(25):
        learner_post(g.client("192.0.2.1"), {"action": "new", "name": "B", "next": "/p"})
    assert status(learner_post(g.client("192.0.2.1"), {"action": "new", "name": "C"}))[
        "learner_status"
    ] == ["wait"]
    other = learner_post(g.client("192.0.2.2"), {"action": "new", "name": "D", "next": "/p"})
    assert status(other)["learner_status"] == ["new"]

    for i in range(12):  # wrong resume codes from the learner's own address
        learner_post(g.client("192.0.2.1"), {"action": "resume", "code": f"WRONG{i:07d}"})
    stranger = learner_post(g.client("192.0.2.1"), {"action": "resume", "code": own_code})
    assert status(stranger)["learner_status"] == ["wait"]
    holder = g.client("192.0.2.1", cookies={"chatdojo_learner": own_code})
    back = learner_post(holder, {"action": "resume", "code": own_code, "next": "/p"})
    assert status(back)["learner_status"] == ["resumed"]


def test_cookies_are_secure_behind_a_tls_proxy_only(guarded):
    """Is the seat cookie Secure when the trusted proxy says https, and only then?"""
    g = guarded()
    code, _token = g.room()

    def seat_cookies(server, proto: str, nickname: str) -> list[str]:
        # httpx keeps Secure cookies off plain http, so the test carries the XSRF cookie itself.
        page = server.client(headers={"X-Forwarded-Proto": proto}).get(f"/room/{code}")
        cookie = re.search(r"_xsrf=([^;]+)", page.headers["set-cookie"]).group(1)
        res = server.client(headers={"X-Forwarded-Proto": proto}).post(
            f"/room/{code}/join",
            data={"nickname": nickname, "_xsrf": xsrf(page.text)},
            headers={"Cookie": f"_xsrf={cookie}"},
        )
        assert res.status_code == 303
        return res.headers.get_list("set-cookie")

    over_tls = seat_cookies(g, "https", "Aiko")
    assert any(c.startswith("cd_seat=") for c in over_tls)
    assert all("; Secure" in c for c in over_tls)
    assert all("Secure" not in c for c in seat_cookies(g, "http", "Ben"))
    forged = seat_cookies(guarded(trusted=()), "https", "Chie")  # not from a trusted proxy
    assert all("Secure" not in c for c in forged)


def test_serve_refuses_a_trusted_proxy_that_is_not_an_address(capsys):
    """Does ``serve --trusted-proxy`` name a bad entry and stop before listening?"""
    from chatdojo.cli import main

    from .conftest import free_port

    assert main(["serve", "--port", str(free_port()), "--trusted-proxy", "nginx.local"]) == 2
    assert "nginx.local" in capsys.readouterr().err
