-- wrk: the same request body as Stampede's accuracy scenario.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"fixed","messages":[{"role":"user","content":"ping"}],"max_tokens":20,"temperature":0.7,"stream":false}'
