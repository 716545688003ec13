"""Scale-out: the extractor of :mod:`sitrep.pipeline` over large corpora, into Parquet.

Stages: :mod:`.inputs` cuts the input into splits that a worker reads on its
own; :mod:`.process` analyses one split into table rows; :mod:`.local` and
:mod:`.spark` are the two engines that run splits in parallel;
:mod:`.merge` merges actors and events across documents; :mod:`.load`
brings a batch output into the knowledge base.
"""
