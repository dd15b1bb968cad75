"""Story clustering: assign each article to a story as it arrives (see :mod:`.core`).

::

    from newsfuse.cluster import Record, cluster_records
    labels = cluster_records([Record("a", "Quake hits coast"), ...])   # {id: story}
"""

from newsfuse.cluster.batch import (
    Record,
    cluster_file,
    cluster_records,
    clustering_embedder,
    read_records,
)
from newsfuse.cluster.core import Assignment, ClusterConfig, Clusterer, config_for
from newsfuse.cluster.features import Features

__all__ = [
    "Assignment", "ClusterConfig", "Clusterer", "Features", "Record", "cluster_file",
    "cluster_records", "clustering_embedder", "config_for", "read_records",
]
