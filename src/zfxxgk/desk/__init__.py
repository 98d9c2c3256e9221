"""The office's desk (``zfxxgk[web]``): a small web service where each department hands in
its workbook through its own link and sees at once what is wrong, and the office sees
every department's state, downloads the 汇总 and closes the collection.

``store`` keeps the workspace (SQLite and the stored files), ``examine`` reads each
upload in a helper process with limits, ``pages`` renders the Chinese pages and ``web``
serves them (Starlette on uvicorn).
"""
