# Locust peer for tests/bench/compare.sh: a FastHttpUser posting the same body as post.lua, with no
# think time (closed loop: one request at a time per user).
import os

from locust import FastHttpUser, constant, task

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chat-body.json"), "rb") as f:
    BODY = f.read()


class ChatUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def chat(self):
        self.client.post("/v1/chat/completions", data=BODY, headers={"Content-Type": "application/json"})
